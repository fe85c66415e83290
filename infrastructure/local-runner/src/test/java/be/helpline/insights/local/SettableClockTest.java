package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  private static final Instant REAL = Instant.parse("2026-01-10T10:00:00Z");

  /** A base clock the test moves by hand, standing in for real time. */
  private static final class ManualClock extends Clock {
    private Instant now = REAL;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void set_showsThatTimeAndKeepsTicking() {
    ManualClock real = new ManualClock();
    SettableClock clock = SettableClock.of(real);

    clock.set(Instant.parse("2020-04-02T08:30:00Z"));
    real.now = real.now.plus(Duration.ofMinutes(5));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2020-04-02T08:35:00Z"));
  }

  @Test
  void reset_returnsToRealTime() {
    ManualClock real = new ManualClock();
    SettableClock clock = SettableClock.of(real);
    clock.set(Instant.parse("2020-04-02T08:30:00Z"));

    clock.reset();

    assertThat(clock.instant()).isEqualTo(REAL);
  }

  @Test
  void zonedView_sharesTheSetting() {
    SettableClock clock = SettableClock.systemUtc();
    Clock brussels = clock.withZone(ZoneId.of("Europe/Brussels"));

    clock.set(Instant.parse("2020-04-02T08:30:00Z"));

    assertThat(Duration.between(Instant.parse("2020-04-02T08:30:00Z"), brussels.instant()))
        .isLessThan(Duration.ofSeconds(5));
    assertThat(brussels.getZone()).isEqualTo(ZoneId.of("Europe/Brussels"));
  }
}
