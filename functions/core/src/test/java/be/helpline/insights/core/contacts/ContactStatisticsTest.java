package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactStatisticsTest {
  /** A day on which every month through 2020 is released, outcomes included. */
  private static final LocalDate DATA_THROUGH = LocalDate.of(2021, 6, 1);

  private static final ReleaseCalendar CALENDAR = new ReleaseCalendar(30, 90);
  private final ContactStatistics threshold5 = statistics("threshold5", YearMonth.of(2019, 1));

  private static ContactStatistics statistics(String policy, YearMonth start) {
    return new ContactStatistics(
        Vocabulary.standard(), DisclosurePolicy.named(policy), CALENDAR, start);
  }

  private List<SnapshotFile> files(List<ContactFacts> facts, LocalDate today) {
    return threshold5.files(threshold5.document(facts, today), null, null);
  }

  /** Every cell of the document, with where it sits. */
  private static List<JsonNode> cells(JsonNode document) {
    List<JsonNode> cells = new ArrayList<>();
    for (JsonNode period : document.path("periods")) {
      collect(period.path("tables"), cells);
    }
    return cells;
  }

  private static void collect(JsonNode node, List<JsonNode> cells) {
    if (node.isObject() && node.has("key")) {
      cells.add(node);
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, cells));
    }
  }

  private static JsonNode period(JsonNode document, String period) {
    for (JsonNode p : document.path("periods")) {
      if (p.path("period").asText().equals(period)) {
        return p.path("tables");
      }
    }
    throw new AssertionError("no period " + period);
  }

  private static JsonNode key(JsonNode list, String key) {
    for (JsonNode cell : list) {
      if (cell.path("key").asText().equals(key)) {
        return cell;
      }
    }
    throw new AssertionError("no key " + key);
  }

  private static ContactFacts contact(LocalDate date, String gender) {
    return new ContactFacts(
        date, "PHONE", "SELF", gender, "26_35", "SEARCH", "YES", "NONE", "NO", Set.of(), null);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void document_randomContacts_noPublishedCountFrom1To4AndNothingRecoverable(long seed) {
    ObjectNode document =
        threshold5.document(
            ContactScenarios.random(seed, 90, YearMonth.of(2020, 10), 3), DATA_THROUGH);

    for (JsonNode cell : cells(document)) {
      if (cell.has("releaseOn")) {
        assertThat(cell.path("count").isNull()).isTrue();
      } else if (cell.path("count").isNull()) {
        assertThat(cell.path("suppressed").asText()).isIn("primary", "secondary");
      } else {
        assertThat(cell.path("count").asLong())
            .satisfiesAnyOf(
                c -> assertThat(c).isZero(), c -> assertThat(c).isGreaterThanOrEqualTo(5));
      }
    }
    assertThat(threshold5.audit(document).passed()).isTrue();
    assertThat(SnapshotSchemas.errors("contacts.schema.json", document.toString())).isEmpty();
  }

  @Test
  void report_answersForTheLastFinishedYearWithContacts() {
    List<ContactFacts> facts = ContactScenarios.random(3, 200, YearMonth.of(2019, 1), 12);

    String en =
        files(facts, LocalDate.of(2021, 3, 1)).stream()
            .filter(file -> file.name().equals("report.en.md"))
            .map(file -> new String(file.content(), StandardCharsets.UTF_8))
            .findFirst()
            .orElseThrow();

    assertThat(en).startsWith("# Answer to the standing questions, 2019\n");
  }

  @Test
  void document_singleSmallMonthCell_cannotBeRecoveredFromItsQuarterMinusTheOtherMonths() {
    List<ContactFacts> facts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      facts.add(contact(LocalDate.of(2020, 1, 10), "MALE"));
      facts.add(contact(LocalDate.of(2020, 2, 10), "MALE"));
      facts.add(contact(LocalDate.of(2020, 3, 10), "MALE"));
    }
    facts.add(contact(LocalDate.of(2020, 1, 11), "X"));
    facts.add(contact(LocalDate.of(2020, 1, 12), "X"));
    for (int i = 0; i < 6; i++) {
      facts.add(contact(LocalDate.of(2020, 2, 11), "X"));
      facts.add(contact(LocalDate.of(2020, 3, 11), "X"));
    }

    ObjectNode document = threshold5.document(facts, LocalDate.of(2020, 5, 1));

    assertThat(key(period(document, "2020-01").path("gender"), "X").path("suppressed").asText())
        .isEqualTo("primary");
    List<JsonNode> column =
        List.of(
            key(period(document, "2020-Q1").path("gender"), "X"),
            key(period(document, "2020-02").path("gender"), "X"),
            key(period(document, "2020-03").path("gender"), "X"));
    assertThat(column).anyMatch(cell -> cell.path("count").isNull());
    assertThat(threshold5.audit(document).passed()).isTrue();
  }

  @Test
  void document_round5_publishesMultiplesOfFiveAndSuppressesOneToSeven() {
    ContactStatistics round5 = statistics("round5", YearMonth.of(2020, 11));
    ObjectNode document =
        round5.document(ContactScenarios.random(4, 90, YearMonth.of(2020, 11), 2), DATA_THROUGH);

    assertThat(document.path("policy").path("name").asText()).isEqualTo("round5");
    for (JsonNode cell : cells(document)) {
      if (!cell.path("count").isNull()) {
        long count = cell.path("count").asLong();
        assertThat(count % 5).isZero();
        assertThat(count == 0 || count >= 10).isTrue();
      }
    }
    assertThat(round5.audit(document).passed()).isTrue();
  }

  @Test
  void audit_suppressionRemovedByHand_fails() {
    ObjectNode document =
        threshold5.document(
            ContactScenarios.random(5, 90, YearMonth.of(2020, 10), 3), DATA_THROUGH);
    JsonNode primary =
        cells(document).stream()
            .filter(cell -> cell.path("suppressed").asText().equals("primary"))
            .findFirst()
            .orElseThrow();
    ((ObjectNode) primary).put("count", 2);
    ((ObjectNode) primary).remove("suppressed");

    assertThat(threshold5.audit(document).passed()).isFalse();
  }

  @Test
  void files_csvLeavesSuppressedCountsEmptyWithTheReason() {
    List<SnapshotFile> files =
        files(ContactScenarios.random(6, 90, YearMonth.of(2020, 10), 3), DATA_THROUGH);

    assertThat(files)
        .extracting(SnapshotFile::name)
        .contains(
            "contacts.json",
            "csv/gender.csv",
            "csv/caller-group-by-gender.csv",
            "report.nl.md",
            "report.en.md");
    String gender =
        new String(
            files.stream()
                .filter(f -> f.name().equals("csv/gender.csv"))
                .findFirst()
                .orElseThrow()
                .content(),
            StandardCharsets.UTF_8);
    assertThat(gender).startsWith("kind,period,key,count,suppressed");
    assertThat(
            gender.lines().filter(line -> line.endsWith("primary") || line.endsWith("secondary")))
        .isNotEmpty()
        .allMatch(line -> line.matches("[a-z]+,[0-9a-zQ-]+,[A-Z_0-9]+,,(primary|secondary)"));
  }

  @Test
  void flemish2020_yearTablesAndReportsCarryThePublishedFigures() {
    List<SnapshotFile> files = files(ContactScenarios.flemish2020(2020), DATA_THROUGH);
    JsonNode document = parse(files, "contacts.json");
    JsonNode year = period(document, "2020");
    JsonNode all = period(document, "all-through-2020");

    for (JsonNode t : List.of(year, all)) {
      assertThat(t.path("total").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_CONTACTS);
      assertThat(t.path("referrals").path("total").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_REFERRALS);
      assertThat(t.path("referrals").path("share").asDouble()).isEqualTo(0.13);
      assertThat(key(t.path("referrals").path("callerGroup"), "SELF").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_REFERRALS_SELF);
      assertThat(key(t.path("gender"), "MALE").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_MALE);
      assertThat(key(t.path("gender"), "FEMALE").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_FEMALE);
      assertThat(key(t.path("gender"), "X").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_X);
      assertThat(key(t.path("callerGroupByGender"), "SELF/FEMALE").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_FEMALE_SELF);
      assertThat(key(t.path("callerGroupByGender"), "RELATIVE/FEMALE").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_FEMALE_RELATIVE);
      assertThat(t.path("outcomes").path("arrived").path("count").asLong())
          .isEqualTo(ContactScenarios.FLEMISH_ARRIVED);
      assertThat(t.path("outcomes").path("arrivalRate").asDouble()).isEqualTo(0.8);
    }
    String en = text(files, "report.en.md");
    String nl = text(files, "report.nl.md");
    assertThat(en)
        .contains(
            "1,500 contacts",
            "referred 195 people to further help, 13% of all contacts",
            "Person worried about their own feelings or behaviour: 127",
            "is 80%",
            "Male: 866",
            "Female: 474",
            "X: 49",
            "from 34 women about themselves",
            "from 261 women about someone close");
    assertThat(nl)
        .contains(
            "1.500 contacten",
            "195 personen door naar hulpverlening, 13% van alle contacten",
            "aankomstpercentage, onder de doorverwijzingen oud genoeg voor een antwoord, is 80%",
            "Over zichzelf namen 34 vrouwen contact op",
            "over iemand uit hun omgeving 261 vrouwen");
    assertThat(en + nl).doesNotContainPattern("\\b[1-4] (contacts|referrals|people)");
  }

  private static JsonNode parse(List<SnapshotFile> files, String name) {
    try {
      return be.helpline.insights.core.json.Json.mapper().readTree(text(files, name));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String text(List<SnapshotFile> files, String name) {
    return new String(
        files.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().content(),
        StandardCharsets.UTF_8);
  }
}
