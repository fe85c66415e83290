package be.helpline.insights.core.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of a site's daily traffic counters. Page views and visits are kept per hour of the
 * reporting day (time coarsened to the hour at ingest); daily and monthly figures are their sums.
 */
public final class TrafficCounters {
  public static final String FAMILY = "traffic";
  static final String PAGEVIEWS = "pageviews";
  static final String VISITS = "visits";

  private TrafficCounters() {}

  static String hourly(String counter, int hour) {
    return counter + ".h" + (hour < 10 ? "0" : "") + hour;
  }

  /** The increments one counted beacon adds, at the given local hour. */
  static Map<String, Long> increments(Beacon beacon, int hour) {
    Map<String, Long> increments = new LinkedHashMap<>();
    increments.put(hourly(PAGEVIEWS, hour), 1L);
    if (beacon.newVisit()) {
      increments.put(hourly(VISITS, hour), 1L);
    }
    return increments;
  }
}
