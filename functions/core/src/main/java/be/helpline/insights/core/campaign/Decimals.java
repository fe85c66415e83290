package be.helpline.insights.core.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How published ratios and means are rounded and written. A quotient is rounded half-even to a
 * fixed number of decimals (ratios 5, so a CTR of 1,497 / 2,200,000 reads 0.00068; frequencies and
 * means 2), trailing zeros dropped but one decimal kept (10.0, 0.0). It is a {@link BigDecimal}, so
 * Jackson writes it as a plain decimal, never as {@code 6.8E-4}.
 */
final class Decimals {
  public static final int RATIO_SCALE = 5;
  public static final int MEAN_SCALE = 2;

  private Decimals() {}

  /** numerator / denominator rounded to {@code scale} decimals; null when the denominator is 0. */
  public static BigDecimal divide(long numerator, long denominator, int scale) {
    if (denominator == 0) {
      return null;
    }
    return tidy(
        BigDecimal.valueOf(numerator)
            .divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_EVEN));
  }

  /**
   * A ratio (fraction) with {@link #RATIO_SCALE} decimals, capped at 1; null for 0 / 0 or x / 0.
   */
  public static BigDecimal fraction(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return divide(Math.min(part, whole), whole, RATIO_SCALE);
  }

  private static BigDecimal tidy(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
  }
}
