package be.helpline.insights.core.counter;

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

  /** Every day's counters of a family, in no particular order. */
  List<DailyCounts> readFamily(String family);
}
