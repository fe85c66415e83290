package be.helpline.insights.core.counter;

import java.time.LocalDate;
import java.util.Set;

/**
 * Names one day's bag of counters: a family ({@code traffic}), a subject within it (a site id) and
 * the reporting day. Counters are kept per day, never per event, so storage grows with days, not
 * with traffic.
 *
 * <p>The one place a storage key is built for writing: from configuration (a {@link
 * CounterSubject}: a configured site or campaign), from a fixed marker of what no configured
 * subject owns, and from a day. Nothing a request names becomes a key of its own ({@code
 * ArchitectureTest} checks that core builds keys only here).
 */
public record CounterKey(String family, String subject, LocalDate date) {
  /** The markers of unattributed counts: {@code -} (traffic), {@code *} (clicks). */
  public static final Set<String> UNATTRIBUTED_MARKERS = Set.of("-", "*");

  /** A configured site's or campaign's day. */
  public static CounterKey of(String family, CounterSubject subject, LocalDate day) {
    return new CounterKey(family, subject.id(), day);
  }

  /** The day of counts no configured subject owns (refusals), under a fixed marker. */
  public static CounterKey unattributed(String family, String marker, LocalDate day) {
    if (!UNATTRIBUTED_MARKERS.contains(marker)) {
      throw new IllegalArgumentException("not a marker of unattributed counts: " + marker);
    }
    return new CounterKey(family, marker, day);
  }
}
