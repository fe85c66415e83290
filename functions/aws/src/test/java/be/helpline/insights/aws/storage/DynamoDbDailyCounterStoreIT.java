package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DynamoDbDailyCounterStoreIT {
  private static final CounterKey DAY =
      new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2));

  private final Emulator emulator = Emulator.moto();

  @Test
  void add_thenRead_sumsEveryShardOfTheSubjectsAndDaysAskedFor() {
    DynamoDbDailyCounterStore store =
        new DynamoDbDailyCounterStore(
            emulator.functionsDynamoDb(), emulator.newTable("counters"), 4, 3650);
    for (int i = 0; i < 20; i++) {
      store.add(DAY, Map.of("pageviews.h10", 1L, "visits.h10", i % 2 == 0 ? 1L : 0L));
    }
    store.add(new CounterKey("clicks", "spring20", DAY.date()), Map.of("clicks", 7L));
    store.add(new CounterKey("traffic", "junk-4711", DAY.date()), Map.of("pageviews.h10", 9L));
    store.add(
        new CounterKey("traffic", "selfhelp", DAY.date().minusDays(1)), Map.of("pageviews.h9", 5L));

    List<DailyCounts> traffic = store.read("traffic", List.of("selfhelp", "-"), DAY.date());

    assertThat(traffic).hasSize(1);
    assertThat(traffic.getFirst().key()).isEqualTo(DAY);
    assertThat(traffic.getFirst().counts())
        .containsEntry("pageviews.h10", 20L)
        .containsEntry("visits.h10", 10L);
  }

  @Test
  void add_concurrently_losesNothing() throws Exception {
    DynamoDbDailyCounterStore store =
        new DynamoDbDailyCounterStore(
            emulator.functionsDynamoDb(), emulator.newTable("counters"), 8, 3650);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      writes.add(pool.submit(() -> store.add(DAY, Map.of("pageviews.h10", 1L))));
    }
    for (Future<?> write : writes) {
      write.get();
    }
    pool.shutdown();

    assertThat(
            store.read("traffic", List.of("selfhelp"), DAY.date()).getFirst().get("pageviews.h10"))
        .isEqualTo(400L);
  }

  @Test
  void add_setsTheRetentionExpiry() {
    String table = emulator.newTable("counters");
    new DynamoDbDailyCounterStore(emulator.functionsDynamoDb(), table, 1, 30)
        .add(DAY, Map.of("pageviews.h10", 1L));

    var item = emulator.dynamoDb().scan(scan -> scan.tableName(table)).items().getFirst();
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(LocalDate.of(2020, 5, 2).atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC));
  }

  @Test
  void add_throughTheIncrementsClient_isStoredOnce() {
    String table = emulator.newTable("counters");
    DynamoDbDailyCounterStore store =
        new DynamoDbDailyCounterStore(
            new DynamoDbHttp(
                emulator.config(), AwsClients.Budget.REQUEST, DynamoDbHttp.Retries.ONLY_THROTTLING),
            table,
            1,
            3650);

    store.add(DAY, Map.of("pageviews.h10", 1L));

    assertThat(
            store.read("traffic", List.of("selfhelp"), DAY.date()).getFirst().get("pageviews.h10"))
        .isEqualTo(1L);
  }

  @Test
  void add_withStorageDown_failsWithinTheClientsTimeBudget() {
    AwsConfig unreachable = new AwsConfig(Emulator.REGION, URI.create("http://127.0.0.1:9"));
    DynamoDbDailyCounterStore store =
        new DynamoDbDailyCounterStore(
            new DynamoDbHttp(
                unreachable, AwsClients.Budget.REQUEST, DynamoDbHttp.Retries.ONLY_THROTTLING),
            "counters",
            1,
            30);

    Instant start = Instant.now();
    assertThatThrownBy(() -> store.add(DAY, Map.of("pageviews.h10", 1L)))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }
}
