package be.helpline.insights.core.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Every ratio a snapshot publishes (a fraction in [0, 1]: a CTR, a share, a rate) is written here,
 * one way (SPEC section 4): 3 significant digits, half-even, so a CTR of 37 / 301,000 reads
 * 0.000123 (fixed decimals would say 0.00012); trailing zeros dropped but one decimal kept (0.5,
 * 1.0, 0.0); capped at 1 (more tagged visits than clicks happens when a landing link is shared). A
 * {@link BigDecimal}, so the same counts give the same bytes.
 */
public final class Ratios {
  private static final MathContext DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

  /** 0.0, for a share of nothing that is still published as a share (no page views, say). */
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(1);

  private Ratios() {}

  /** {@code part / whole} as published; null when {@code whole} is 0 (no ratio to speak of). */
  public static BigDecimal of(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    if (part < 0 || whole < 0) {
      throw new IllegalArgumentException("a ratio of counts: " + part + " / " + whole);
    }
    BigDecimal value =
        BigDecimal.valueOf(Math.min(part, whole)).divide(BigDecimal.valueOf(whole), DIGITS);
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
  }
}
