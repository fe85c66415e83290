package be.helpline.insights.core.traffic;

import java.util.Map;

/**
 * The names of campaign-tagged visit counters: per reporting day and configured campaign, one
 * counter per site ({@code visits.<site>}). The beacon writes them (a visit tagged with a campaign
 * the configuration knows), the campaign report reads them; an id nobody configured is counted as
 * {@code excluded.unknownCampaign} in the site's traffic instead, never as a key of its own.
 */
public final class LandingCounters {
  public static final String FAMILY = "landing";

  private LandingCounters() {}

  public static String visits(String siteId) {
    return "visits." + siteId;
  }

  /** The increments of one campaign-tagged visit to a site. */
  public static Map<String, Long> visit(String siteId) {
    return Map.of(visits(siteId), 1L);
  }
}
