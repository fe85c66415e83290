package be.helpline.insights.core.site;

/** How a site counts visitors (SPEC privacy rule 3). Neither mode uses an identifier. */
public enum VisitorMode {
  /** Page views and visits only; nothing is stored on the device. */
  ANONYMOUS,
  /**
   * After consent, the device keeps a last-visit date and a capped day count and sends booleans.
   */
  RETURNING;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
