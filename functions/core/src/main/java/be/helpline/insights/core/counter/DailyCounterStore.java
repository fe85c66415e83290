package be.helpline.insights.core.counter;

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
   * Every day's counters of these subjects of a family, in no particular order. Reads by key: what
   * is stored under any other subject (anything a request could have named) costs nothing.
   */
  List<DailyCounts> read(String family, Collection<String> subjects);
}
