package be.helpline.insights.core.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
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
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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

  private Aggregator aggregator(ContactStatistics statistics) {
    return aggregator(statistics, CONTACTS, "2021-01-15T10:00:00Z");
  }

  private Aggregator aggregator(
      ContactStatistics statistics, List<ContactFacts> contacts, String now) {
    return new Aggregator(
        SITES,
        new InMemoryCounterStore(),
        new InMemoryCampaignStore(),
        () -> contacts,
        statistics,
        new SnapshotPublisher(store),
        Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
        ZoneId.of("Europe/Brussels"),
        POLICY,
        List.of());
  }

  private static ContactStatistics honest() {
    return new ContactStatistics(
        Vocabulary.standard(), POLICY, new ReleaseCalendar(30, 90), YearMonth.of(2020, 10));
  }

  @Test
  void run_publishesContactsCsvAndReportsInTheManifest() throws Exception {
    SnapshotPublisher.Latest latest = aggregator(honest()).run().latest();

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

  @Test
  void run_storesTheLedgerAndTheNextRunRepublishesItUnchanged() throws Exception {
    SnapshotPublisher.Latest first = aggregator(honest()).run().latest();
    String ledger = store.text(SnapshotPublisher.LEDGER);

    SnapshotPublisher.Latest second = aggregator(honest()).run().latest();

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

    Aggregator.Result result = aggregator(honest()).run();

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
    aggregator(honest(), CONTACTS, "2021-05-15T10:00:00Z").run();
    assertThat(store.writes())
        .containsSubsequence(SnapshotPublisher.LEDGER_COUNTS, SnapshotPublisher.LEDGER);
    // October's registrations expire (RETENTION_DAYS) after 2020 and its outcomes were released;
    // May's come in.
    List<ContactFacts> may = ContactScenarios.random(12, 40, YearMonth.of(2021, 5), 1);
    List<ContactFacts> left =
        java.util.stream.Stream.concat(
                CONTACTS.stream().filter(f -> f.contactDate().getMonthValue() != 10), may.stream())
            .toList();

    Aggregator.Result result = aggregator(honest(), left, "2021-07-15T10:00:00Z").run();

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
    aggregator(honest()).run();
    // October's registrations changed under its released figures, and the counts stored with the
    // ledger belong to another one: nothing new can be protected.
    store.put(
        SnapshotPublisher.LEDGER_COUNTS,
        "{\"ledgerSha256\": \"0\", \"counts\": {}}".getBytes(),
        "application/json");
    List<ContactFacts> changed =
        CONTACTS.stream().filter(f -> f.contactDate().getMonthValue() != 10).toList();

    Aggregator.Result result = aggregator(honest(), changed, "2021-02-15T10:00:00Z").run();

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
