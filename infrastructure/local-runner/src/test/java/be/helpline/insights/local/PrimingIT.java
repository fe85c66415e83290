package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.beacon.BeaconHandler;
import be.helpline.insights.click.ClickHandler;
import be.helpline.insights.registration.RegistrationHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SnapStart priming (CRaC {@code beforeCheckpoint}) runs each HTTP function's path against the
 * storage and writes nothing: every table and the snapshot bucket hold the same items and objects
 * before and after, and every call it made to the emulator (seen by a proxy in front of moto) was a
 * read. The handlers are built as Lambda builds them, from the template's environment.
 */
class PrimingIT {
  private static final List<String> READS =
      List.of(
          "DynamoDB_20120810.GetItem",
          "DynamoDB_20120810.Query",
          "DynamoDB_20120810.Scan",
          "DynamoDB_20120810.BatchGetItem");
  private static final Map<String, BiFunction<Map<String, String>, Clock, HttpHandler>> HANDLERS =
      Map.of(
          "BeaconFunction", BeaconHandler::new,
          "ClickFunction", ClickHandler::new,
          "RegistrationFunction", RegistrationHandler::new);

  private static FaultyEmulator.ProxiedRunner local;
  private static FaultyEmulator proxy;
  private static PrivateRunner runner;

  @BeforeAll
  static void start() {
    local = FaultyEmulator.ProxiedRunner.start(line -> {});
    runner = local.runner();
    proxy = local.proxy();
  }

  @AfterAll
  static void stop() {
    if (local != null) {
      local.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"BeaconFunction", "ClickFunction", "RegistrationFunction"})
  void priming_readsThroughTheFunctionsPath_andWritesNothing(String function) throws Exception {
    HttpHandler handler =
        HANDLERS.get(function).apply(runner.environment(function), Clock.systemUTC());
    String before = everythingStored();
    proxy.calls();

    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      handler.beforeCheckpoint(null);
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("priming went through (it never throws: a failure is a warning)")
        .doesNotContain("priming_failed");

    List<String> calls = proxy.calls();
    System.out.printf("%s priming: %s%n", function, calls);
    assertThat(calls).as("priming reaches the storage").isNotEmpty();
    assertThat(calls).as("and only reads").allMatch(READS::contains);
    assertThat(everythingStored()).as("every item and object as before").isEqualTo(before);
  }

  /** Every item of every table and every object of every bucket, read from moto directly. */
  private static String everythingStored() {
    Emulator emulator = Emulator.at(runner.emulator());
    Map<String, List<String>> all = new TreeMap<>();
    for (String table : emulator.dynamoDb().listTables().tableNames()) {
      List<String> items = new ArrayList<>();
      emulator
          .dynamoDb()
          .scanPaginator(scan -> scan.tableName(table))
          .items()
          .forEach(item -> items.add(new TreeMap<>(item).toString()));
      items.sort(null);
      all.put(table, items);
    }
    emulator
        .s3()
        .listBuckets()
        .buckets()
        .forEach(
            bucket -> {
              List<String> objects = new ArrayList<>();
              emulator
                  .s3()
                  .listObjectsV2Paginator(list -> list.bucket(bucket.name()))
                  .contents()
                  .forEach(object -> objects.add(object.key() + " " + object.eTag()));
              all.put("s3://" + bucket.name(), objects);
            });
    return all.toString();
  }
}
