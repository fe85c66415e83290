package be.helpline.insights.core.counter;

import be.helpline.insights.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The counters of closed days, kept privately between aggregation runs so that a run Queries the
 * counters table only for the days that can still change.
 *
 * <p>Writers count on the day they run, in the reporting time zone, so a day is closed once it is
 * {@link #OPEN_DAYS} days old: nothing writes to it any more. A run reads a subject's closed days
 * from here and its open days from the store. A subject the history does not hold (a campaign or a
 * site configured since), every subject of a rebuild, and every subject when the history was kept
 * under another time zone or retention are read from the store in full. Days the table's TTL has
 * dropped (older than the retention) are left out of both, so a run from history publishes what a
 * rebuild would. What the history holds are the same daily counts {@code traffic.json} and {@code
 * campaigns.json} publish; it is never published itself.
 */
public final class CounterHistory {
  /** Today and yesterday: a write can still reach them (a request at midnight, a retry). */
  public static final int OPEN_DAYS = 2;

  private static final int VERSION = 1;

  /** family → subject → day → counter → count; a subject with no days is held, with none. */
  private record Stored(
      int version,
      String timeZone,
      int retentionDays,
      String closedThrough,
      Map<String, Map<String, Map<String, Map<String, Long>>>> families) {}

  private final Stored stored;

  private CounterHistory(Stored stored) {
    this.stored = stored;
  }

  /** No history: the next run reads every subject in full. */
  public static CounterHistory none() {
    return new CounterHistory(null);
  }

  /**
   * A stored history (gzip-compressed JSON, as {@link #toBytes()} writes it); throws {@code
   * IllegalArgumentException} for anything else.
   */
  public static CounterHistory fromBytes(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      Stored stored = Json.mapper().readValue(in, Stored.class);
      if (stored.version() != VERSION || stored.families() == null) {
        throw new IOException("not a counter history of version " + VERSION);
      }
      return new CounterHistory(stored);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the counter history is not readable", e);
    }
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      Json.mapper().writeValue(out, stored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The last closed day it holds, or null for no history. */
  public LocalDate closedThrough() {
    return stored == null ? null : LocalDate.parse(stored.closedThrough());
  }

  /**
   * A run's reader on {@code today}: closed days come from this history where it applies, the rest
   * from {@code store}; what it read becomes the {@link Reader#next() next} history.
   */
  public Reader reader(DailyCounterStore store, LocalDate today, ZoneId zone, int retentionDays) {
    return new Reader(store, today, zone, retentionDays);
  }

  /** Reads one run's counters and remembers them for the next run. */
  public final class Reader {
    private final DailyCounterStore store;
    private final ZoneId zone;
    private final int retentionDays;
    private final LocalDate oldest;
    private final LocalDate closing;
    private final boolean usable;
    private final Map<String, Map<String, Map<String, Map<String, Long>>>> next = new TreeMap<>();
    private int fromHistory;
    private int inFull;

    private Reader(DailyCounterStore store, LocalDate today, ZoneId zone, int retentionDays) {
      if (retentionDays < 1) {
        throw new IllegalArgumentException("retention of at least one day");
      }
      this.store = store;
      this.zone = zone;
      this.retentionDays = retentionDays;
      this.oldest = today.minusDays(retentionDays - 1L);
      this.closing = today.minusDays(OPEN_DAYS);
      this.usable =
          stored != null
              && stored.timeZone().equals(zone.getId())
              && stored.retentionDays() == retentionDays
              && !closedThrough().isAfter(closing);
    }

    /**
     * Every retained day's counters of these subjects of a family, in no particular order: the
     * history's closed days and the store's days after them, or the store's every day for a subject
     * the history does not hold.
     */
    public List<DailyCounts> read(String family, Collection<String> subjects) {
      Map<String, Map<String, Map<String, Long>>> known =
          usable ? stored.families().getOrDefault(family, Map.of()) : Map.of();
      List<String> held = subjects.stream().filter(known::containsKey).toList();
      List<String> unheld = subjects.stream().filter(s -> !known.containsKey(s)).toList();
      List<DailyCounts> result = new ArrayList<>();
      if (!held.isEmpty()) {
        LocalDate after = closedThrough().plusDays(1);
        result.addAll(store.read(family, held, after.isAfter(oldest) ? after : oldest));
        for (String subject : held) {
          known
              .get(subject)
              .forEach(
                  (day, counts) -> {
                    LocalDate date = LocalDate.parse(day);
                    if (!date.isBefore(oldest)) {
                      result.add(new DailyCounts(new CounterKey(family, subject, date), counts));
                    }
                  });
        }
      }
      if (!unheld.isEmpty()) {
        result.addAll(store.read(family, unheld, oldest));
      }
      fromHistory += held.size();
      inFull += unheld.size();
      Map<String, Map<String, Map<String, Long>>> keep =
          next.computeIfAbsent(family, f -> new TreeMap<>());
      subjects.forEach(subject -> keep.computeIfAbsent(subject, s -> new TreeMap<>()));
      // The store answers from a day on and the history's days were filtered: all are retained.
      for (DailyCounts day : result) {
        if (!day.key().date().isAfter(closing)) {
          keep.get(day.key().subject())
              .put(day.key().date().toString(), new TreeMap<>(day.counts()));
        }
      }
      return result;
    }

    /**
     * Whether the history applies to this run: kept under the same time zone and retention, and not
     * from a later day than this run closes.
     */
    public boolean usesHistory() {
      return usable;
    }

    /** Subjects whose closed days came from the history, and subjects read in full, so far. */
    public int subjectsFromHistory() {
      return fromHistory;
    }

    public int subjectsInFull() {
      return inFull;
    }

    /** The history for the next run: the closed days of every subject this run read. */
    public CounterHistory next() {
      return new CounterHistory(
          new Stored(VERSION, zone.getId(), retentionDays, closing.toString(), next));
    }

    /** Whether the next history differs from this one (a day closed, a subject came or went). */
    public boolean changed() {
      return stored == null
          || !stored.closedThrough().equals(closing.toString())
          || !stored.timeZone().equals(zone.getId())
          || stored.retentionDays() != retentionDays
          || !subjectsOf(stored.families()).equals(subjectsOf(next));
    }
  }

  private static Map<String, List<String>> subjectsOf(
      Map<String, Map<String, Map<String, Map<String, Long>>>> families) {
    Map<String, List<String>> subjects = new TreeMap<>();
    families.forEach(
        (family, bySubject) ->
            subjects.put(family, List.copyOf(new TreeSet<>(bySubject.keySet()))));
    return subjects;
  }
}
