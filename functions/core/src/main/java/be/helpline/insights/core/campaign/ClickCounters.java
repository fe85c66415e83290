package be.helpline.insights.core.campaign;

import be.helpline.insights.core.counter.DailyCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of a campaign's daily click counters: clicks per hour of the reporting day, per
 * configured creative, and exclusions by reason. Only configured creative ids become counter names,
 * so an item has a bounded number of counters whatever is requested.
 */
public final class ClickCounters {
  public static final String FAMILY = "clicks";

  /** The subject of requests for campaigns that are not configured; not a valid campaign id. */
  public static final String UNATTRIBUTED = "*";

  private ClickCounters() {}

  static String hourly(int hour) {
    return "clicks.h" + (hour < 10 ? "0" : "") + hour;
  }

  static String creative(String creativeId) {
    return "clicks.creative." + creativeId;
  }

  static String excluded(ClickExclusion reason) {
    return "excluded." + reason.key();
  }

  /** The clicks of one campaign's day: the sum of its hourly click counters. */
  static long clicks(DailyCounts day) {
    long clicks = 0;
    for (int hour = 0; hour < 24; hour++) {
      clicks += day.get(hourly(hour));
    }
    return clicks;
  }

  /** The increments of one counted click on a configured creative, at the given local hour. */
  static Map<String, Long> click(String creativeId, int hour) {
    Map<String, Long> increments = new LinkedHashMap<>();
    increments.put(hourly(hour), 1L);
    increments.put(creative(creativeId), 1L);
    return increments;
  }
}
