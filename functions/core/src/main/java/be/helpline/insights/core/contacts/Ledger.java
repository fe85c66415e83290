package be.helpline.insights.core.contacts;

import be.helpline.insights.core.release.ReleaseCalendar;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the publication ledger says besides the figures themselves: the calendar, the day each
 * period's counts and each period's outcomes were released, and the periods withheld for good (SPEC
 * section 6.1). The figures are the cells of the same {@code contacts.json}.
 *
 * @param withheld periods (or a period's outcomes, {@code <period>/outcomes}) that will never be
 *     published, with the day and the reason
 */
public record Ledger(
    ReleaseCalendar calendar,
    Map<String, LocalDate> released,
    Map<String, LocalDate> outcomesReleased,
    List<Withheld> withheld) {

  /** Suffix of a withheld period's outcomes: {@code 2026-01/outcomes}. */
  public static final String OUTCOMES = "/outcomes";

  /** A period, or its outcomes, withheld for good. */
  public record Withheld(String period, LocalDate on, String reason) {}

  public Ledger {
    released = Map.copyOf(released);
    outcomesReleased = Map.copyOf(outcomesReleased);
    withheld = List.copyOf(withheld);
  }

  public static Ledger empty(ReleaseCalendar calendar) {
    return new Ledger(calendar, Map.of(), Map.of(), List.of());
  }

  /** The day a period's counts were released. */
  public LocalDate released(String period) {
    LocalDate day = released.get(period);
    if (day == null) {
      throw new IllegalArgumentException("period " + period + " is not released");
    }
    return day;
  }

  /** The day a period's outcomes were released, or null. */
  public LocalDate outcomesReleased(String period) {
    return outcomesReleased.get(period);
  }

  public Set<String> withheldNames() {
    Set<String> names = new TreeSet<>();
    withheld.forEach(period -> names.add(period.period()));
    return names;
  }

  /**
   * This ledger after a release on {@code day} of the periods listed in {@code periods} (those not
   * released before get that day, counts and outcomes alike) and the newly withheld ones.
   */
  Ledger after(
      LocalDate day,
      List<ContactTables.Period> periods,
      ReleaseCalendar calendar,
      List<Withheld> newlyWithheld) {
    Map<String, LocalDate> counts = new HashMap<>(released);
    Map<String, LocalDate> outcomes = new HashMap<>(outcomesReleased);
    for (ContactTables.Period period : periods) {
      counts.putIfAbsent(period.period(), day);
      if (period.hasOutcomes()) {
        outcomes.putIfAbsent(period.period(), day);
      }
    }
    List<Withheld> all = new java.util.ArrayList<>(withheld);
    all.addAll(newlyWithheld);
    return new Ledger(calendar, counts, outcomes, all);
  }
}
