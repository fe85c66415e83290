package be.helpline.insights.core.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How published means are rounded and written (frequencies, visits per day, the uplift's
 * multiplier): half-even to 2 decimals, trailing zeros dropped but one decimal kept (10.0, 0.0). It
 * is a {@link BigDecimal}, so Jackson writes it as a plain decimal. Ratios are {@link
 * be.helpline.insights.core.json.Ratios}'.
 */
final class Decimals {
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

  private static BigDecimal tidy(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
  }
}
