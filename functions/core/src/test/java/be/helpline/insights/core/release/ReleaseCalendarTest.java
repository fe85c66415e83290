package be.helpline.insights.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ReleaseCalendarTest {
  private final ReleaseCalendar calendar = new ReleaseCalendar(30, 90);

  @Test
  void countsRelease_isTheDayAfterTheMonthEndPlusTheSettlingWindow() {
    assertThat(calendar.countsRelease(YearMonth.of(2026, 1))).isEqualTo("2026-03-03");
    assertThat(calendar.countsRelease(YearMonth.of(2026, 2))).isEqualTo("2026-03-31");
  }

  @Test
  void outcomesRelease_waitsForTheOutcomeDaysToo() {
    assertThat(calendar.outcomesRelease(YearMonth.of(2026, 1))).isEqualTo("2026-06-01");
  }

  @Test
  void countsReleased_fromItsReleaseDayOn() {
    YearMonth january = YearMonth.of(2026, 1);
    assertThat(calendar.countsReleased(january, LocalDate.parse("2026-03-02"))).isFalse();
    assertThat(calendar.countsReleased(january, LocalDate.parse("2026-03-03"))).isTrue();
  }

  @Test
  void lastReleased_onTheIssuesDay_isJanuaryForCountsAndAnEarlierMonthForOutcomes() {
    LocalDate day = LocalDate.parse("2026-03-20");
    assertThat(calendar.lastCountsReleased(day)).isEqualTo(YearMonth.of(2026, 1));
    assertThat(calendar.lastOutcomesReleased(day)).isEqualTo(YearMonth.of(2025, 10));
  }

  @Test
  void amendmentWindowClosesBeforeItsMonthIsReleased() {
    // The last day of a month, amended on the window's last day, is still before the release.
    LocalDate lastDay = LocalDate.parse("2026-01-31");
    assertThat(lastDay.plusDays(30)).isBefore(calendar.countsRelease(YearMonth.from(lastDay)));
  }

  @Test
  void negativeDays_areRefused() {
    assertThatThrownBy(() -> new ReleaseCalendar(-1, 90))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
