package be.helpline.insights.testing;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fake of the counter store for tests without network. */
public final class InMemoryCounterStore implements DailyCounterStore {
  private final Map<CounterKey, Map<String, Long>> days = new ConcurrentHashMap<>();
  private final List<Read> reads = new ArrayList<>();
  private volatile boolean down;

  /** One call of {@link #read}: what a run asked the table for. */
  public record Read(String family, List<String> subjects, LocalDate from) {}

  /** Every read so far, in order. */
  public synchronized List<Read> reads() {
    return List.copyOf(reads);
  }

  /** From now on every write fails as storage that does not answer. */
  public void goDown(boolean isDown) {
    down = isDown;
  }

  @Override
  public synchronized void add(CounterKey key, Map<String, Long> increments) {
    if (down) {
      throw new StorageUnavailableException("storage is down", new RuntimeException("down"));
    }
    Map<String, Long> counts = days.computeIfAbsent(key, k -> new HashMap<>());
    increments.forEach((name, value) -> counts.merge(name, value, Long::sum));
  }

  @Override
  public synchronized List<DailyCounts> read(
      String family, Collection<String> subjects, LocalDate from) {
    reads.add(new Read(family, List.copyOf(subjects), from));
    List<DailyCounts> result = new ArrayList<>();
    days.forEach(
        (key, counts) -> {
          if (key.family().equals(family)
              && subjects.contains(key.subject())
              && !key.date().isBefore(from)) {
            result.add(new DailyCounts(key, counts));
          }
        });
    return result;
  }

  /** Every day's counters of a family, whatever the subject (what a test stored). */
  public synchronized List<DailyCounts> readFamily(String family) {
    List<DailyCounts> result = new ArrayList<>();
    days.forEach(
        (key, counts) -> {
          if (key.family().equals(family)) {
            result.add(new DailyCounts(key, counts));
          }
        });
    return result;
  }
}
