package be.helpline.insights.core.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.testing.InMemoryCounterStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterHistoryTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final int RETENTION = 400;

  private final InMemoryCounterStore store = new InMemoryCounterStore();

  /** One page view a day on each site, from START through {@code through}. */
  private void countThrough(LocalDate through, String... sites) {
    count(START, through, sites);
  }

  private void count(LocalDate from, LocalDate through, String... sites) {
    for (LocalDate day = from; !day.isAfter(through); day = day.plusDays(1)) {
      for (String site : sites) {
        store.add(new CounterKey("traffic", site, day), Map.of("pageviews.h10", 1L));
      }
    }
  }

  private static List<DailyCounts> sorted(List<DailyCounts> days) {
    return days.stream()
        .sorted(
            Comparator.comparing((DailyCounts d) -> d.key().subject())
                .thenComparing(d -> d.key().date()))
        .toList();
  }

  private CounterHistory.Reader reader(CounterHistory history, LocalDate today) {
    return history.reader(store, today, ZONE, RETENTION);
  }

  @Test
  void read_fromHistory_queriesOnlyTheOpenDaysAndReadsWhatAFullReadWould() {
    LocalDate first = LocalDate.of(2026, 3, 10);
    countThrough(first, "main", "selfhelp");
    CounterHistory.Reader firstRun = reader(CounterHistory.none(), first);
    firstRun.read("traffic", List.of("main", "selfhelp"));
    CounterHistory kept = CounterHistory.fromBytes(firstRun.next().toBytes());
    assertThat(kept.closedThrough()).isEqualTo(first.minusDays(CounterHistory.OPEN_DAYS));

    LocalDate later = first.plusDays(5);
    count(first, later, "main", "selfhelp"); // first (still open then) again, and the days after
    CounterHistory.Reader fromHistory = reader(kept, later);
    List<DailyCounts> read = fromHistory.read("traffic", List.of("main", "selfhelp"));
    List<DailyCounts> full =
        reader(CounterHistory.none(), later).read("traffic", List.of("main", "selfhelp"));

    assertThat(store.reads().get(1).from()).isEqualTo(kept.closedThrough().plusDays(1));
    assertThat(fromHistory.usesHistory()).isTrue();
    assertThat(fromHistory.subjectsFromHistory()).isEqualTo(2);
    assertThat(sorted(read)).isEqualTo(sorted(full)).hasSize(2 * 74);
  }

  @Test
  void read_aSubjectTheHistoryDoesNotHold_isReadInFullAndOneNoLongerRead_isDropped() {
    LocalDate first = LocalDate.of(2026, 3, 10);
    countThrough(first, "main", "selfhelp");
    CounterHistory.Reader firstRun = reader(CounterHistory.none(), first);
    firstRun.read("traffic", List.of("main"));
    CounterHistory kept = firstRun.next();

    CounterHistory.Reader next = reader(kept, first.plusDays(1));
    List<DailyCounts> read = next.read("traffic", List.of("selfhelp"));

    assertThat(read).hasSize(69);
    assertThat(store.reads().get(1))
        .isEqualTo(
            new InMemoryCounterStore.Read(
                "traffic", List.of("selfhelp"), first.plusDays(1).minusDays(RETENTION - 1)));
    assertThat(next.subjectsInFull()).isEqualTo(1);
    assertThat(next.changed()).isTrue();
    CounterHistory.Reader third = reader(next.next(), first.plusDays(1));
    third.read("traffic", List.of("main"));
    assertThat(third.subjectsInFull()).isEqualTo(1); // main was dropped: read in full again
  }

  @Test
  void read_leavesOutDaysOlderThanTheRetention_fromTheStoreAndFromTheHistory() {
    LocalDate first = START.plusDays(RETENTION + 10);
    countThrough(first, "main");
    CounterHistory.Reader firstRun = reader(CounterHistory.none(), first);
    assertThat(firstRun.read("traffic", List.of("main"))).hasSize(RETENTION);

    LocalDate later = first.plusDays(30);
    count(first.plusDays(1), later, "main");
    List<DailyCounts> read = reader(firstRun.next(), later).read("traffic", List.of("main"));

    assertThat(read).hasSize(RETENTION);
    assertThat(read.stream().map(d -> d.key().date()).min(Comparator.naturalOrder()))
        .contains(later.minusDays(RETENTION - 1));
  }

  @Test
  void changed_isFalseForASecondRunOnTheSameDay() {
    LocalDate today = LocalDate.of(2026, 3, 10);
    countThrough(today, "main");
    CounterHistory.Reader firstRun = reader(CounterHistory.none(), today);
    firstRun.read("traffic", List.of("main"));
    assertThat(firstRun.changed()).isTrue();

    CounterHistory.Reader again = reader(firstRun.next(), today);
    again.read("traffic", List.of("main"));

    assertThat(again.changed()).isFalse();
  }

  @Test
  void reader_doesNotUseAHistoryKeptUnderAnotherZoneOrRetentionOrFromALaterDay() {
    LocalDate today = LocalDate.of(2026, 3, 10);
    countThrough(today, "main");
    CounterHistory.Reader firstRun = reader(CounterHistory.none(), today);
    firstRun.read("traffic", List.of("main"));
    CounterHistory kept = firstRun.next();

    assertThat(kept.reader(store, today, ZoneId.of("UTC"), RETENTION).usesHistory()).isFalse();
    assertThat(kept.reader(store, today, ZONE, RETENTION + 1).usesHistory()).isFalse();
    assertThat(kept.reader(store, today.minusDays(1), ZONE, RETENTION).usesHistory()).isFalse();
    assertThat(kept.reader(store, today, ZONE, RETENTION).usesHistory()).isTrue();
  }

  @Test
  void fromBytes_refusesWhatIsNotAHistory() {
    assertThatThrownBy(() -> CounterHistory.fromBytes("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
