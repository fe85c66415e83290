package be.helpline.insights.core.counter;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: durable daily counters. */
public interface DailyCounterStore {

  /**
   * Adds every increment to the day's counters in one atomic write, exactly once even when the
   * write is retried. Returns only once the increments are stored; throws a {@code
   * StorageUnavailableException} otherwise.
   */
  void add(CounterKey key, Map<String, Long> increments);

  /**
   * The counters of these subjects of a family on {@code from} and every day after it, in no
   * particular order. Reads by key: what is stored under any other subject (anything a request
   * could have named) or on an earlier day costs nothing.
   */
  List<DailyCounts> read(String family, Collection<String> subjects, LocalDate from);
}
