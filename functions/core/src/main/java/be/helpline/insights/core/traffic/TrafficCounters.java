package be.helpline.insights.core.traffic;

import be.helpline.insights.core.counter.DailyCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of a site's daily traffic counters. Page views and visits are kept per hour of the
 * reporting day (time coarsened to the hour at ingest); geography, source, the site's configured
 * section and device flags per day. Every dimension is a closed vocabulary or a configured list, so
 * a day's item has a bounded number of counters whatever is sent.
 */
public final class TrafficCounters {
  public static final String FAMILY = "traffic";

  /** The subject of exclusions that no configured site can be blamed for. */
  public static final String UNATTRIBUTED = "-";

  static final String PAGEVIEWS = "pageviews";
  static final String VISITS = "visits";
  static final String VISITORS = "visitors";
  static final String MONTHLY_VISITORS = "monthlyVisitors";
  static final String NEW_VISITORS = "newVisitors";
  static final String RETURNING_VISITORS = "returningVisitors";
  static final String DEVICE_FLAGGED = "deviceFlagged";

  private TrafficCounters() {}

  static String hourly(String counter, int hour) {
    return counter + ".h" + (hour < 10 ? "0" : "") + hour;
  }

  static String byGeo(String counter, Geography geography) {
    return counter + ".geo." + geography.code();
  }

  static String bySource(String counter, SourceCategory source) {
    return counter + ".source." + source.wireName();
  }

  static String bySection(String counter, String section) {
    return counter + ".section." + section;
  }

  static String excluded(Exclusion reason) {
    return "excluded." + reason.key();
  }

  /**
   * The increments one counted page view adds, at the given local hour, in the given configured
   * section. A visit counts under the section of the page it began on.
   */
  static Map<String, Long> increments(
      Beacon beacon, Geography geography, String section, int hour) {
    Map<String, Long> increments = new LinkedHashMap<>();
    increments.put(hourly(PAGEVIEWS, hour), 1L);
    increments.put(byGeo(PAGEVIEWS, geography), 1L);
    increments.put(bySource(PAGEVIEWS, beacon.source()), 1L);
    increments.put(bySection(PAGEVIEWS, section), 1L);
    if (beacon.newVisit()) {
      increments.put(hourly(VISITS, hour), 1L);
      increments.put(byGeo(VISITS, geography), 1L);
      increments.put(bySource(VISITS, beacon.source()), 1L);
      increments.put(bySection(VISITS, section), 1L);
    }
    beacon
        .device()
        .ifPresent(
            flags -> {
              increments.put(DEVICE_FLAGGED, 1L);
              addIf(increments, flags.firstOfDay(), VISITORS);
              addIf(increments, flags.firstOfMonth(), MONTHLY_VISITORS);
              addIf(increments, flags.firstEver(), NEW_VISITORS);
              addIf(increments, flags.firstEver(), byGeo(NEW_VISITORS, geography));
              addIf(increments, flags.firstReturn(), RETURNING_VISITORS);
              addIf(increments, flags.firstReturn(), byGeo(RETURNING_VISITORS, geography));
            });
    return increments;
  }

  /** The visits of one site's day: the sum of its hourly visit counters. */
  public static long visits(DailyCounts day) {
    long visits = 0;
    for (int hour = 0; hour < 24; hour++) {
      visits += day.get(hourly(VISITS, hour));
    }
    return visits;
  }

  private static void addIf(Map<String, Long> increments, boolean flag, String counter) {
    if (flag) {
      increments.put(counter, 1L);
    }
  }
}
