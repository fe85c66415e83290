package be.helpline.insights.core.counter;

import java.util.Map;

/** The counters of one {@link CounterKey}, summed over the write shards. */
public record DailyCounts(CounterKey key, Map<String, Long> counts) {

  public DailyCounts {
    counts = Map.copyOf(counts);
  }

  public long get(String counter) {
    return counts.getOrDefault(counter, 0L);
  }
}
