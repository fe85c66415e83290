package be.helpline.insights.core.counter;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Counters for a rehearsal (SnapStart priming): an {@link #add} reads the day's counters of the key
 * instead of writing them, so the storage path is exercised and nothing is counted.
 */
public final class RehearsalCounterStore implements DailyCounterStore {
  private final DailyCounterStore stored;

  public RehearsalCounterStore(DailyCounterStore stored) {
    this.stored = stored;
  }

  @Override
  public void add(CounterKey key, Map<String, Long> increments) {
    stored.read(key.family(), List.of(key.subject()), key.date());
  }

  @Override
  public List<DailyCounts> read(String family, Collection<String> subjects, LocalDate from) {
    return stored.read(family, subjects, from);
  }
}
