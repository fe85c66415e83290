package be.helpline.insights.core.campaign;

import java.util.Map;

/**
 * The names of campaign-tagged visit counters: per reporting day and campaign id as the beacon sent
 * it, one counter per site ({@code visits.<site>}). Anyone can send a beacon with any well-formed
 * id, so these live in their own family, one small item per (id, day) that expires with the
 * counters' retention, never in a site's traffic item (junk ids could fill it); the aggregator
 * publishes only ids of configured campaigns.
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
