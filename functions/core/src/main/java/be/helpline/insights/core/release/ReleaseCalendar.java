package be.helpline.insights.core.release;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When contact statistics are released (SPEC section 6.1): a month's counts on the first day after
 * its settling date (the month's end plus the amendment window), its referral outcomes on the first
 * day after the month's end plus {@code REFERRAL_OUTCOME_DAYS} plus the same window. A quarter and
 * a year are released with their last month. The registration function refuses changes to a
 * released month ({@code 409 period_released}) by the same dates the aggregator releases it, so a
 * released figure never changes.
 */
public record ReleaseCalendar(int settleDays, int outcomeDays) {
  public ReleaseCalendar {
    if (settleDays < 0 || outcomeDays < 0) {
      throw new IllegalArgumentException("settling and outcome days cannot be negative");
    }
  }

  /** The first day on which the month's counts are released. */
  public LocalDate countsRelease(YearMonth month) {
    return month.atEndOfMonth().plusDays(settleDays + 1L);
  }

  /** The first day on which the month's referral outcomes are released. */
  public LocalDate outcomesRelease(YearMonth month) {
    return month.atEndOfMonth().plusDays(outcomeDays + settleDays + 1L);
  }

  public boolean countsReleased(YearMonth month, LocalDate today) {
    return !today.isBefore(countsRelease(month));
  }

  public boolean outcomesReleased(YearMonth month, LocalDate today) {
    return !today.isBefore(outcomesRelease(month));
  }

  /** The newest month whose counts are released on {@code today}. */
  public YearMonth lastCountsReleased(LocalDate today) {
    YearMonth month = YearMonth.from(today);
    while (!countsReleased(month, today)) {
      month = month.minusMonths(1);
    }
    return month;
  }

  /** The newest month whose referral outcomes are released on {@code today}. */
  public YearMonth lastOutcomesReleased(LocalDate today) {
    YearMonth month = YearMonth.from(today);
    while (!outcomesReleased(month, today)) {
      month = month.minusMonths(1);
    }
    return month;
  }
}
