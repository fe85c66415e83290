package be.helpline.insights.core.traffic;

/** Why a beacon was not counted. Exclusions are counted by reason, never with anything else. */
public enum Exclusion {
  /** A known crawler, monitor or automation User-Agent (or none). */
  BOT("bot"),
  /** A speculative prefetch or prerender (Sec-Purpose / Purpose: prefetch). */
  PREFETCH("prefetch"),
  /** A body that is too large, of the wrong type or not a valid beacon. */
  INVALID("invalid"),
  /** A site id that is not configured. */
  UNKNOWN_SITE("unknownSite"),
  /** A configured site, posted from another origin. */
  WRONG_ORIGIN("wrongOrigin"),
  /**
   * A campaign id that is not configured, on a new visit: the visit counts, untagged, and the id is
   * never kept (a key built from it would let a site tag visits one by one).
   */
  UNKNOWN_CAMPAIGN("unknownCampaign");

  private final String key;

  Exclusion(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
