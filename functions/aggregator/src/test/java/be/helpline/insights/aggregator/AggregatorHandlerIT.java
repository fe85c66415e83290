package be.helpline.insights.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbDailyCounterStore;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.ImpressionRow;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.testing.SnapshotSchemas;
import be.helpline.insights.testing.TrafficSplit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregator as Lambda runs it: counters in the emulator's DynamoDB in, snapshot files in S3
 * out.
 */
class AggregatorHandlerIT {
  private static final String SITES =
      """
      {"main": {"origin": "https://stopitnow.example", "mode": "returning"},
       "selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"}}\
      """;

  private final Emulator emulator = Emulator.moto();
  private String table;
  private String campaigns;
  private String bucket;
  private String registrations;

  @BeforeEach
  void setUp() {
    table = emulator.newTable("counters");
    campaigns = emulator.newTable("campaigns");
    registrations = emulator.newTable("registrations");
    bucket = emulator.newBucket();
  }

  private AggregatorHandler handler(String bucketName) {
    return handler(bucketName, "2020-04-16T10:00:00Z");
  }

  private AggregatorHandler handler(String bucketName, String now) {
    return new AggregatorHandler(
        emulator.env(
            Map.of(
                "COUNTERS_TABLE",
                table,
                "COUNTER_SHARDS",
                "4",
                "RETENTION_DAYS",
                "3650",
                "CAMPAIGNS_TABLE",
                campaigns,
                "REGISTRATIONS_TABLE",
                registrations,
                "SNAPSHOT_BUCKET",
                bucketName,
                "SITES",
                SITES,
                "REPORTING_TIME_ZONE",
                "Europe/Brussels",
                "DISCLOSURE_POLICY",
                "threshold5",
                "PROGRAMME_START",
                "2019-12-01")),
        Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  private JsonNode run(AggregatorHandler handler, String event) throws Exception {
    return Events.invoke(handler, Events.load(event), new TestContext());
  }

  private String text(String key) {
    return emulator.object(bucket, key).asUtf8String();
  }

  @Test
  void run_publishesTrafficManifestAndLatestThatMatchTheirSchemas() throws Exception {
    new DynamoDbDailyCounterStore(emulator.functionsDynamoDb(), table, 4, 3650)
        .add(
            new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 15)),
            Map.of("pageviews.h11", 3L, "visits.h11", 2L));

    JsonNode answer = run(handler(bucket), "aggregator-scheduled.json");

    JsonNode latest = Json.mapper().readTree(text("snapshots/v1/LATEST.json"));
    assertThat(latest.path("runId").asText()).isEqualTo(answer.path("runId").asText());
    String path = latest.path("path").asText();
    String traffic = text(path + "traffic.json");
    assertThat(SnapshotSchemas.errors("traffic.schema.json", traffic)).isEmpty();
    assertThat(SnapshotSchemas.errors("manifest.schema.json", text(path + "manifest.json")))
        .isEmpty();
    assertThat(SnapshotSchemas.errors("latest.schema.json", text("snapshots/v1/LATEST.json")))
        .isEmpty();
    JsonNode day =
        Json.mapper().readTree(traffic).path("sites").path("selfhelp").path("daily").get(0);
    assertThat(day.path("date").asText()).isEqualTo("2020-04-15");
    assertThat(day.path("pageviews").asLong()).isEqualTo(3);
    assertThat(day.path("visits").asLong()).isEqualTo(2);
    assertThat(text("snapshots/v1/latest/traffic.json")).isEqualTo(traffic);
    assertThat(text("schemas/v1/traffic.schema.json")).contains("\"title\"");
    // The split the dashboard reads: the summary and the one year of data, beside traffic.json.
    String summary = text(path + "traffic/summary.json");
    assertThat(SnapshotSchemas.errors("traffic-summary.schema.json", summary)).isEmpty();
    String year = text(path + "traffic/daily/2020.json");
    assertThat(SnapshotSchemas.errors("traffic-daily.schema.json", year)).isEmpty();
    assertThat(
            TrafficSplit.join(
                Json.mapper().readTree(summary), Map.of("2020", Json.mapper().readTree(year))))
        .isEqualTo(Json.mapper().readTree(traffic));
    assertThat(text("snapshots/v1/latest/traffic/daily/2020.json")).isEqualTo(year);
    assertThat(text("schemas/v1/traffic-daily.schema.json")).contains("\"title\"");
  }

  @Test
  void run_twiceOnTheSameData_givesTheSameTrafficBytes() throws Exception {
    new DynamoDbDailyCounterStore(emulator.functionsDynamoDb(), table, 4, 3650)
        .add(
            new CounterKey("traffic", "main", LocalDate.of(2020, 4, 15)),
            Map.of("pageviews.h09", 1L));
    AggregatorHandler handler = handler(bucket);

    String first = run(handler, "aggregator-scheduled.json").path("path").asText();
    String second = run(handler, "aggregator-rebuild.json").path("path").asText();

    assertThat(second).isNotEqualTo(first);
    assertThat(text(second + "traffic.json")).isEqualTo(text(first + "traffic.json"));
  }

  @Test
  void run_readsClosedDaysFromTheKeptHistory_andARebuildReadsTheTableAgain() throws Exception {
    DynamoDbDailyCounterStore counters =
        new DynamoDbDailyCounterStore(emulator.functionsDynamoDb(), table, 4, 3650);
    counters.add(
        new CounterKey("traffic", "main", LocalDate.of(2020, 4, 13)), Map.of("pageviews.h09", 1L));
    run(handler(bucket, "2020-04-16T10:00:00Z"), "aggregator-scheduled.json");
    // A closed day changed behind the aggregator's back (a table restored or edited by hand):
    // runs keep what they kept until a rebuild reads the table again.
    counters.add(
        new CounterKey("traffic", "main", LocalDate.of(2020, 4, 13)), Map.of("pageviews.h09", 4L));
    counters.add(
        new CounterKey("traffic", "main", LocalDate.of(2020, 4, 20)), Map.of("pageviews.h09", 2L));

    String scheduled =
        run(handler(bucket, "2020-04-20T10:00:00Z"), "aggregator-scheduled.json")
            .path("path")
            .asText();
    String rebuilt =
        run(handler(bucket, "2020-04-20T10:00:00Z"), "aggregator-rebuild.json")
            .path("path")
            .asText();

    assertThat(pageviews(scheduled)).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 2L);
    assertThat(pageviews(rebuilt)).containsExactly(5L, 0L, 0L, 0L, 0L, 0L, 0L, 2L);
    assertThat(emulator.object(bucket, SnapshotPublisher.COUNTER_HISTORY).asByteArray())
        .isNotEmpty();
    assertThat(SnapshotPublisher.COUNTER_HISTORY).doesNotStartWith(SnapshotPublisher.ROOT);
  }

  private List<Long> pageviews(String runPath) throws Exception {
    List<Long> days = new java.util.ArrayList<>();
    Json.mapper()
        .readTree(text(runPath + "traffic.json"))
        .at("/sites/main/daily")
        .forEach(day -> days.add(day.path("pageviews").asLong()));
    return days;
  }

  @Test
  void run_publishesCampaignsAndFunnelOfConfiguredCampaignsOnly_listedInTheManifest()
      throws Exception {
    DynamoDbCampaignStore campaignStore =
        new DynamoDbCampaignStore(emulator.functionsDynamoDb(), campaigns);
    LocalDate start = LocalDate.of(2020, 4, 1);
    campaignStore.save(
        new Campaign(
            "spring20",
            "Voorjaar 2020",
            start,
            LocalDate.of(2020, 5, 19),
            "https://stopitnow.example/",
            Map.of("c1", "Kijk uit wat je kijkt!")));
    campaignStore.saveImpressions(
        "spring20",
        List.of(
            new ImpressionRow(start, "c1", 4000),
            new ImpressionRow(start.plusDays(1), "c1", 6000)));
    campaignStore.saveReach("spring20", 1000);
    DynamoDbDailyCounterStore counters =
        new DynamoDbDailyCounterStore(emulator.functionsDynamoDb(), table, 4, 3650);
    counters.add(
        new CounterKey("clicks", "spring20", start),
        Map.of("clicks.h10", 7L, "clicks.creative.c1", 7L));
    counters.add(new CounterKey("landing", "spring20", start), Map.of("visits.main", 5L));
    counters.add(new CounterKey("landing", "made-up", start), Map.of("visits.main", 50L));
    AggregatorHandler handler = handler(bucket);

    String first = run(handler, "aggregator-scheduled.json").path("path").asText();
    String second = run(handler, "aggregator-scheduled.json").path("path").asText();

    String campaignsJson = text(first + "campaigns.json");
    String funnelJson = text(first + "funnel.json");
    assertThat(SnapshotSchemas.errors("campaigns.schema.json", campaignsJson)).isEmpty();
    assertThat(SnapshotSchemas.errors("funnel.schema.json", funnelJson)).isEmpty();
    JsonNode campaign = Json.mapper().readTree(campaignsJson).path("campaigns").get(0);
    assertThat(campaign.path("impressions").asLong()).isEqualTo(10000);
    assertThat(campaign.path("frequency").asDouble()).isEqualTo(10.0);
    assertThat(campaign.path("clicks").asLong()).isEqualTo(7);
    assertThat(campaign.path("ctr").decimalValue()).isEqualByComparingTo("0.0007");
    assertThat(campaign.path("landing").path("taggedVisits").asLong()).isEqualTo(5);
    assertThat(campaignsJson + funnelJson).doesNotContain("made-up");
    assertThat(
            Json.mapper()
                .readTree(text(first + "manifest.json"))
                .path("files")
                .findValuesAsText("name"))
        .startsWith("traffic.json", "campaigns.json", "funnel.json", "contacts.json")
        .contains("csv/total.csv", "csv/ratios.csv", "report.nl.md", "report.en.md");
    assertThat(
            text(second + "campaigns.json")
                .replaceAll("\"(generatedAt|dataThrough)\":\"[^\"]+\"", ""))
        .isEqualTo(campaignsJson.replaceAll("\"(generatedAt|dataThrough)\":\"[^\"]+\"", ""));
    assertThat(text("snapshots/v1/latest/funnel.json")).isEqualTo(text(second + "funnel.json"));
    assertThat(text("schemas/v1/campaigns.schema.json")).contains("\"title\"");
  }

  @Test
  void run_whenTheBucketIsMissing_failsTheInvocation() {
    assertThatThrownBy(() -> run(handler("no-such-bucket-helpline"), "aggregator-scheduled.json"))
        .isInstanceOf(RuntimeException.class);
  }
}
