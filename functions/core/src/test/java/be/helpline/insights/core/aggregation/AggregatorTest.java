package be.helpline.insights.core.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.counter.CounterHistory;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryCounterStore;
import be.helpline.insights.testing.InMemorySnapshotStore;
import be.helpline.insights.testing.SnapshotSchemas;
import be.helpline.insights.testing.TrafficSplit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"}}\
          """);
  private static final DisclosurePolicy POLICY = DisclosurePolicy.named("threshold5");
  private static final List<ContactFacts> CONTACTS =
      ContactScenarios.random(11, 90, YearMonth.of(2020, 10), 3);

  private final InMemorySnapshotStore store = new InMemorySnapshotStore();
  private final InMemoryCounterStore counters = new InMemoryCounterStore();

  private Aggregator aggregator(ContactStatistics statistics) {
    return aggregator(statistics, CONTACTS, "2021-01-15T10:00:00Z");
  }

  private Aggregator aggregator(
      ContactStatistics statistics, List<ContactFacts> contacts, String now) {
    return new Aggregator(
        SITES,
        counters,
        new InMemoryCampaignStore(),
        () -> contacts,
        statistics,
        new SnapshotPublisher(store),
        Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
        ZoneId.of("Europe/Brussels"),
        POLICY,
        List.of(),
        3650);
  }

  private static ContactStatistics honest() {
    return new ContactStatistics(
        Vocabulary.standard(), POLICY, new ReleaseCalendar(30, 90), YearMonth.of(2020, 10));
  }

  @Test
  void run_publishesContactsCsvAndReportsInTheManifest() throws Exception {
    SnapshotPublisher.Latest latest = aggregator(honest()).run(false).latest();

    JsonNode manifest = Json.mapper().readTree(store.text(latest.path() + "manifest.json"));
    assertThat(manifest.path("files").findValuesAsText("name"))
        .contains(
            "traffic.json", "contacts.json", "csv/gender.csv", "report.nl.md", "report.en.md");
    assertThat(SnapshotSchemas.errors("manifest.schema.json", manifest.toString())).isEmpty();
    assertThat(
            SnapshotSchemas.errors(
                "contacts.schema.json", store.text(latest.path() + "contacts.json")))
        .isEmpty();
  }

  /**
   * A page view and a visit at 10h on every day of selfhelp from {@code from} through {@code to}.
   */
  private void pageViews(LocalDate from, LocalDate to) {
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      counters.add(
          new CounterKey("traffic", "selfhelp", day),
          Map.of("pageviews.h10", 1L, "visits.h10", 1L));
    }
  }

  @Test
  void run_fromTheCounterHistory_readsOnlyOpenDaysAndPublishesWhatARebuildPublishes()
      throws Exception {
    pageViews(LocalDate.of(2020, 11, 20), LocalDate.of(2021, 1, 1));
    Aggregator.Result first = aggregator(honest(), CONTACTS, "2021-01-01T10:00:00Z").run(false);
    pageViews(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 1, 15));
    int before = counters.reads().size();

    Aggregator.Result fromHistory =
        aggregator(honest(), CONTACTS, "2021-01-15T10:00:00Z").run(false);
    List<InMemoryCounterStore.Read> historyReads =
        counters.reads().subList(before, counters.reads().size());
    Aggregator.Result rebuild = aggregator(honest(), CONTACTS, "2021-01-15T10:00:00Z").run(true);

    assertThat(first.counters().history()).isEqualTo("none");
    assertThat(fromHistory.counters())
        .isEqualTo(new Aggregator.CounterReads("used", 3, 0)); // selfhelp, "-", "*"
    assertThat(historyReads)
        .extracting(InMemoryCounterStore.Read::from)
        .containsOnly(LocalDate.of(2020, 12, 31)); // the first run closed through 12-30
    assertThat(rebuild.counters().history()).isEqualTo("rebuild");
    for (String file : List.of("traffic.json", "campaigns.json", "funnel.json")) {
      assertThat(store.text(fromHistory.latest().path() + file))
          .as(file)
          .isEqualTo(store.text(rebuild.latest().path() + file));
    }
    JsonNode daily =
        Json.mapper()
            .readTree(store.text(fromHistory.latest().path() + "traffic.json"))
            .at("/sites/selfhelp/daily");
    assertThat(daily).hasSize(57);
    assertThat(daily.get(42).path("pageviews").asLong()).isEqualTo(2); // 2021-01-01, counted twice
  }

  @Test
  void run_publishesTrafficSplitByYear_listedInTheManifest_whichJoinsBackIntoTrafficJson()
      throws Exception {
    pageViews(LocalDate.of(2020, 11, 20), LocalDate.of(2021, 1, 10));

    SnapshotPublisher.Latest latest = aggregator(honest()).run(false).latest();

    JsonNode manifest = Json.mapper().readTree(store.text(latest.path() + "manifest.json"));
    assertThat(manifest.path("files").findValuesAsText("name"))
        .contains("traffic.json", "traffic/summary.json")
        .containsSubsequence("traffic/daily/2020.json", "traffic/daily/2021.json");
    JsonNode summary = Json.mapper().readTree(store.text(latest.path() + "traffic/summary.json"));
    Map<String, JsonNode> years = new java.util.LinkedHashMap<>();
    for (String year : List.of("2020", "2021")) {
      years.put(
          year,
          Json.mapper().readTree(store.text(latest.path() + "traffic/daily/" + year + ".json")));
    }
    assertThat(TrafficSplit.join(summary, years))
        .isEqualTo(Json.mapper().readTree(store.text(latest.path() + "traffic.json")));
    assertThat(store.text("snapshots/v1/latest/traffic/daily/2021.json"))
        .isEqualTo(store.text(latest.path() + "traffic/daily/2021.json"));
  }

  @Test
  void run_withAnUnreadableCounterHistory_readsEveryDayAndKeepsANewOne() {
    pageViews(LocalDate.of(2020, 12, 1), LocalDate.of(2021, 1, 15));
    store.put(SnapshotPublisher.COUNTER_HISTORY, "{}".getBytes(), "application/gzip");

    Aggregator.Result result = aggregator(honest()).run(false);

    assertThat(result.counters()).isEqualTo(new Aggregator.CounterReads("unreadable", 0, 3));
    assertThat(
            CounterHistory.fromBytes(store.get(SnapshotPublisher.COUNTER_HISTORY).orElseThrow())
                .closedThrough())
        .isEqualTo(LocalDate.of(2021, 1, 13));
  }

  @Test
  void run_storesTheLedgerAndTheNextRunRepublishesItUnchanged() throws Exception {
    SnapshotPublisher.Latest first = aggregator(honest()).run(false).latest();
    String ledger = store.text(SnapshotPublisher.LEDGER);

    SnapshotPublisher.Latest second = aggregator(honest()).run(false).latest();

    assertThat(ledger).isNotNull();
    assertThat(store.text(SnapshotPublisher.LEDGER)).isEqualTo(ledger);
    assertThat(store.text(second.path() + "contacts.json"))
        .isEqualTo(store.text(first.path() + "contacts.json"))
        .isEqualTo(ledger);
    JsonNode manifest = Json.mapper().readTree(store.text(first.path() + "manifest.json"));
    assertThat(manifest.path("contacts").path("countsThrough").asText()).isEqualTo("2020-11");
    assertThat(manifest.path("contacts").path("nextRelease").path("counts").path("on").asText())
        .isEqualTo("2021-01-31");
  }

  @Test
  void run_whoseLedgerIsBroken_publishesTrafficAndCampaignsAndSaysContactsFailed()
      throws Exception {
    store.put(SnapshotPublisher.LEDGER, "{not json".getBytes(), "application/json");

    Aggregator.Result result = aggregator(honest()).run(false);

    assertThat(result.contacts()).isNull();
    assertThat(result.fallbacks()).isEqualTo(1);
    JsonNode manifest =
        Json.mapper().readTree(store.text(result.latest().path() + "manifest.json"));
    assertThat(manifest.path("files").findValuesAsText("name"))
        .contains("traffic.json", "campaigns.json", "funnel.json")
        .doesNotContain("contacts.json");
    assertThat(manifest.path("contacts").path("published").asBoolean()).isFalse();
    assertThat(store.text("snapshots/v1/LATEST.json")).contains(result.latest().runId());
    // The broken ledger is never replaced by a new one from scratch.
    assertThat(store.text(SnapshotPublisher.LEDGER)).isEqualTo("{not json");
  }

  @Test
  void run_afterReleasedRegistrationsExpired_releasesFromTheCountsStoredWithTheLedger()
      throws Exception {
    aggregator(honest(), CONTACTS, "2021-05-15T10:00:00Z").run(false);
    assertThat(store.writes())
        .containsSubsequence(SnapshotPublisher.LEDGER_COUNTS, SnapshotPublisher.LEDGER);
    // October's registrations expire (RETENTION_DAYS) after 2020 and its outcomes were released;
    // May's come in.
    List<ContactFacts> may = ContactScenarios.random(12, 40, YearMonth.of(2021, 5), 1);
    List<ContactFacts> left =
        java.util.stream.Stream.concat(
                CONTACTS.stream().filter(f -> f.contactDate().getMonthValue() != 10), may.stream())
            .toList();

    Aggregator.Result result = aggregator(honest(), left, "2021-07-15T10:00:00Z").run(false);

    assertThat(result.contacts().withheld()).isEmpty();
    assertThat(result.contacts().released()).contains("2021-05");
    JsonNode contacts =
        Json.mapper().readTree(store.text(result.latest().path() + "contacts.json"));
    assertThat(period(contacts, "2021-05").path("tables").path("total").path("count").asLong())
        .isEqualTo(may.size());
    assertThat(period(contacts, "2020").path("tables").path("total").path("count").asLong())
        .isEqualTo(CONTACTS.size());
    // The counts stay private: nothing under snapshots/ holds them.
    assertThat(store.writes())
        .filteredOn(key -> key.startsWith(SnapshotPublisher.ROOT))
        .allMatch(key -> !store.text(key).contains("ledgerSha256"));
  }

  private static JsonNode period(JsonNode contacts, String name) {
    for (JsonNode period : contacts.path("periods")) {
      if (period.path("period").asText().equals(name)) {
        return period;
      }
    }
    throw new AssertionError("no period " + name);
  }

  @Test
  void run_thatWithholdsPeriods_publishesThemInTheManifestAndCountsTheFallback() throws Exception {
    aggregator(honest()).run(false);
    // October's registrations changed under its released figures, and the counts stored with the
    // ledger belong to another one: nothing new can be protected.
    store.put(
        SnapshotPublisher.LEDGER_COUNTS,
        "{\"ledgerSha256\": \"0\", \"counts\": {}}".getBytes(),
        "application/json");
    List<ContactFacts> changed =
        CONTACTS.stream().filter(f -> f.contactDate().getMonthValue() != 10).toList();

    Aggregator.Result result = aggregator(honest(), changed, "2021-02-15T10:00:00Z").run(false);

    assertThat(result.contacts().withheld()).isNotEmpty();
    assertThat(result.fallbacks()).isEqualTo(result.contacts().withheld().size());
    JsonNode manifest =
        Json.mapper().readTree(store.text(result.latest().path() + "manifest.json"));
    assertThat(manifest.path("contacts").path("withheldNow").findValuesAsText("period")).isEmpty();
    assertThat(manifest.path("contacts").path("withheldNow").toString()).contains("2020-12");
    assertThat(SnapshotSchemas.errors("manifest.schema.json", manifest.toString())).isEmpty();
    assertThat(manifest.path("files").findValuesAsText("name")).contains("contacts.json");
  }
}
