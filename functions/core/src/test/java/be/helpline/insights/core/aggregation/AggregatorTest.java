package be.helpline.insights.core.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryCounterStore;
import be.helpline.insights.testing.InMemorySnapshotStore;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
    return new Aggregator(
        SITES,
        new InMemoryCounterStore(),
        new InMemoryCampaignStore(),
        () -> CONTACTS,
        statistics,
        new SnapshotPublisher(store),
        Clock.fixed(Instant.parse("2021-01-15T10:00:00Z"), ZoneOffset.UTC),
        ZoneId.of("Europe/Brussels"),
        POLICY,
        List.of());
  }

  private static ContactStatistics honest() {
    return new ContactStatistics(Vocabulary.standard(), POLICY, 90);
  }

  /** An engine that forgot one suppression: it publishes a primary-suppressed cell as 2. */
  private static ContactStatistics leaking() {
    return new ContactStatistics(Vocabulary.standard(), POLICY, 90) {
      @Override
      public ObjectNode document(List<ContactFacts> facts, LocalDate dataThrough) {
        ObjectNode document = super.document(facts, dataThrough);
        for (JsonNode period : document.path("periods")) {
          for (JsonNode cell : period.path("tables").path("gender")) {
            if (cell.path("suppressed").asText().equals("primary")) {
              ((ObjectNode) cell).put("count", 2);
              ((ObjectNode) cell).remove("suppressed");
              return document;
            }
          }
        }
        throw new AssertionError("the scenario has no primary suppression to remove");
      }
    };
  }

  @Test
  void run_publishesContactsCsvAndReportsInTheManifest() throws Exception {
    SnapshotPublisher.Latest latest = aggregator(honest()).run();

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
  void run_whoseContactsLeakASuppressedCell_failsAndLatestKeepsThePreviousRun() {
    aggregator(honest()).run();
    String before = store.text("snapshots/v1/LATEST.json");

    assertThatThrownBy(() -> aggregator(leaking()).run())
        .isInstanceOf(ContactStatistics.AuditFailedException.class);
    assertThat(store.text("snapshots/v1/LATEST.json")).isEqualTo(before);
  }
}
