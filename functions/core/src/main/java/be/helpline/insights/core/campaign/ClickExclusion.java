package be.helpline.insights.core.campaign;

/** Why a banner request was not counted as a click. Counted by reason, never with anything else. */
public enum ClickExclusion {
  /** A HEAD request: link checkers and previews, never a person following the banner. */
  HEAD("head"),
  /** A speculative prefetch or prerender (Sec-Purpose / Purpose). */
  PREFETCH("prefetch"),
  /** A known crawler, monitor or automation User-Agent (or none). */
  BOT("bot"),
  /** A campaign id that is not configured (or not even a valid id). */
  UNKNOWN_CAMPAIGN("unknownCampaign"),
  /** A configured campaign, with a creative id it does not have. */
  UNKNOWN_CREATIVE("unknownCreative"),
  /** A configured campaign and creative, on a day outside the campaign's window. */
  OUTSIDE_WINDOW("outsideWindow"),
  /**
   * A configured campaign and creative whose stored landing URL's host is no longer in {@code
   * LANDING_HOSTS}: the visitor goes to the default landing URL.
   */
  LANDING_NOT_ALLOWED("landingNotAllowed");

  private final String key;

  ClickExclusion(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
