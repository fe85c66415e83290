package be.helpline.insights.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock every local handler is built with: real time, or a time set by {@code PUT
 * /local/clock} that keeps ticking from there. Views made with {@link #withZone} share the setting.
 */
final class SettableClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  private SettableClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  static SettableClock systemUtc() {
    return of(Clock.systemUTC());
  }

  static SettableClock of(Clock base) {
    return new SettableClock(base, new AtomicReference<>(Duration.ZERO));
  }

  /** From now on the clock shows {@code now}, ticking on at the base clock's pace. */
  void set(Instant now) {
    offset.set(Duration.between(base.instant(), now));
  }

  /** Back to the base clock's time. */
  void reset() {
    offset.set(Duration.ZERO);
  }

  boolean isSet() {
    return !offset.get().isZero();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(getZone()) ? this : new SettableClock(base.withZone(zone), offset);
  }

  @Override
  public String toString() {
    return "SettableClock[" + instant() + (isSet() ? ", set" : "") + "]";
  }
}
