package be.helpline.insights.core.disclosure;

/** Why a figure is not published. */
public enum Suppression {
  /** The count itself is too small (1 to k-1). */
  PRIMARY,
  /** The count is publishable but would let a suppressed count be recovered. */
  SECONDARY;

  /** The word used in the snapshots ({@code "primary"}, {@code "secondary"}). */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
