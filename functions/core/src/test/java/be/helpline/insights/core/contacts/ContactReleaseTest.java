package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.ReleasedCells;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The publication calendar (SPEC section 6.1), as the intruder who keeps every contacts.json sees
 * it: a released figure never changes, nothing of an unreleased month appears, and the latest
 * document (every figure ever published) passes the audit.
 */
class ContactReleaseTest {
  private static final ReleaseCalendar CALENDAR = new ReleaseCalendar(30, 90);
  private final ContactStatistics statistics =
      new ContactStatistics(
          Vocabulary.standard(),
          DisclosurePolicy.named("threshold5"),
          CALENDAR,
          YearMonth.of(2026, 1));

  private static ContactFacts contact(LocalDate date, String gender, String outcome) {
    return new ContactFacts(
        date,
        "PHONE",
        "SELF",
        gender,
        "26_35",
        "SEARCH",
        "YES",
        "NONE",
        "NO",
        Set.of(),
        outcome == null && !gender.equals("X")
            ? null
            : new ContactFacts.Referral("CGG", "LIMBURG", outcome));
  }

  /** The issue's history: 80 contacts in January and February 2026, 6 in March. */
  private static List<ContactFacts> history() {
    List<ContactFacts> facts = new ArrayList<>();
    facts.addAll(ContactScenarios.random(21, 40, YearMonth.of(2026, 1), 1));
    facts.addAll(ContactScenarios.random(22, 40, YearMonth.of(2026, 2), 1));
    facts.addAll(ContactScenarios.random(23, 6, YearMonth.of(2026, 3), 1));
    return facts;
  }

  private static List<String> periods(JsonNode document) {
    return document.path("periods").findValuesAsText("period");
  }

  @Test
  void release_onTheIssuesDay_publishesJanuaryAloneAndSaysWhenFebruaryFollows() {
    JsonNode document =
        statistics.release(null, history(), LocalDate.parse("2026-03-20")).contacts();

    assertThat(periods(document)).containsExactly("2026-01");
    assertThat(document.path("dataThrough").asText()).isEqualTo("2026-01-31");
    JsonNode january = document.path("periods").get(0);
    assertThat(january.path("released").asText()).isEqualTo("2026-03-20");
    assertThat(january.path("tables").path("total").path("count").asLong()).isEqualTo(40);
    assertThat(january.path("tables").path("outcomes").path("releaseOn").asText())
        .isEqualTo("2026-06-01");
    JsonNode next = document.path("calendar").path("nextRelease");
    assertThat(next.path("counts").path("period").asText()).isEqualTo("2026-02");
    assertThat(next.path("counts").path("on").asText()).isEqualTo("2026-03-31");
    assertThat(SnapshotSchemas.errors("contacts.schema.json", document.toString())).isEmpty();
    assertThat(statistics.audit(document).passed()).isTrue();
  }

  @Test
  void release_nothingDue_isTheLedgerAsItWas() {
    List<ContactFacts> facts = history();
    JsonNode first = statistics.release(null, facts, LocalDate.parse("2026-03-20")).contacts();
    facts.add(contact(LocalDate.parse("2026-03-19"), "X", null));

    ContactStatistics.Release again =
        statistics.release(first, facts, LocalDate.parse("2026-03-21"));

    assertThat(again.changed()).isFalse();
    assertThat(again.contacts()).isEqualTo(first);
  }

  @Test
  void replay_aYearOfRunsAndContacts_neverChangesAReleasedFigureAndEveryLedgerPassesItsAudit() {
    List<ContactFacts> all = ContactScenarios.random(31, 600, YearMonth.of(2026, 1), 12);
    List<ContactFacts> registered = new ArrayList<>();
    JsonNode ledger = null;
    int releases = 0;
    for (LocalDate day = LocalDate.parse("2026-01-01");
        !day.isAfter(LocalDate.parse("2027-06-01"));
        day = day.plusDays(1)) {
      LocalDate today = day;
      // A responder registers each contact on its day.
      all.stream().filter(f -> f.contactDate().equals(today)).forEach(registered::add);
      ContactStatistics.Release release = statistics.release(ledger, registered, today);
      if (release.changed()) {
        releases++;
        JsonNode document = release.contacts();
        if (ledger != null) {
          ReleasedCells.assertNoneChanged(ledger, document);
        }
        for (JsonNode period : document.path("periods")) {
          YearMonth last =
              period.path("kind").asText().equals("month")
                  ? YearMonth.parse(period.path("period").asText())
                  : null;
          if (last != null) {
            assertThat(CALENDAR.countsReleased(last, today)).as(period.toString()).isTrue();
          }
        }
        assertThat(release.withheld()).isEmpty();
        assertThat(statistics.audit(document, registered, today).passed()).isTrue();
        ledger = document;
      }
    }
    assertThat(periods(ledger))
        .contains("2026-12", "2026-Q4", "2026", "all-through-2026", "2027-04")
        .doesNotContain("2027-05");
    assertThat(ledger.path("periods").get(0).path("outcomesReleased").asText()).isNotEmpty();
    // 16 month releases and 13 outcome releases, mostly on the same day.
    assertThat(releases).isBetween(16, 29);
  }

  @Test
  void release_trueCountsContradictTheLedger_withholdsTheNewPeriodsAndPublishesTheRest() {
    List<ContactFacts> facts = history();
    JsonNode first = statistics.release(null, facts, LocalDate.parse("2026-03-20")).contacts();
    // January's figures can no longer be protected against: its true counts changed under it.
    facts.removeIf(f -> YearMonth.from(f.contactDate()).equals(YearMonth.of(2026, 1)));

    ContactStatistics.Release release =
        statistics.release(first, facts, LocalDate.parse("2026-06-01"));

    assertThat(release.withheld()).extracting(Ledger.Withheld::period).contains("2026-Q1");
    ReleasedCells.assertNoneChanged(first, release.contacts());
    assertThat(release.contacts().path("withheld").findValuesAsText("period")).contains("2026-Q1");
    assertThat(statistics.audit(release.contacts()).passed()).isTrue();
    // January's outcomes were due on 1 June too: withheld, never a date that has passed.
    JsonNode january = release.contacts().path("periods").get(0);
    assertThat(january.path("tables").path("outcomes").path("arrived").path("suppressed").asText())
        .isEqualTo("withheld");
    assertThat(SnapshotSchemas.errors("contacts.schema.json", release.contacts().toString()))
        .isEmpty();
  }

  @Test
  void release_aThinYearAfterABusyOne_neverGivesItsContactsAway() {
    ContactStatistics from2025 =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            CALENDAR,
            YearMonth.of(2025, 1));
    List<ContactFacts> facts =
        new ArrayList<>(ContactScenarios.random(51, 600, YearMonth.of(2025, 1), 12));
    JsonNode ledger = from2025.release(null, facts, LocalDate.parse("2026-02-01")).contacts();
    assertThat(periods(ledger)).contains("all-through-2025");
    // 2026: three contacts, all in March; the year is all-through-2026 minus all-through-2025.
    facts.add(contact(LocalDate.parse("2026-03-03"), "X", null));
    facts.add(contact(LocalDate.parse("2026-03-04"), "MALE", null));
    facts.add(contact(LocalDate.parse("2026-03-05"), "FEMALE", "ARRIVED"));
    long started = System.nanoTime();

    ContactStatistics.Release release =
        from2025.release(ledger, facts, LocalDate.parse("2027-02-01"));

    System.out.printf(
        "thin year: released %s, withheld %s in %d ms%n",
        release.released(), release.withheld(), (System.nanoTime() - started) / 1_000_000);
    ReleasedCells.assertNoneChanged(ledger, release.contacts());
    assertThat(periods(release.contacts())).contains("2026-12");
    assertThat(from2025.audit(release.contacts(), facts, LocalDate.parse("2027-02-01")).passed())
        .isTrue();
  }

  @Test
  void release_afterAClockMovedBack_isTheLedgerAsItStoodThatDay() {
    // A run on a later day released January to June (empty), then the clock went back.
    JsonNode fromTheFuture =
        statistics.release(null, List.of(), LocalDate.parse("2026-08-01")).contacts();
    assertThat(periods(fromTheFuture)).contains("2026-01", "2026-06");
    List<ContactFacts> facts = history();

    JsonNode march20 =
        statistics.release(fromTheFuture, facts, LocalDate.parse("2026-03-20")).contacts();

    assertThat(periods(march20)).containsExactly("2026-01");
    assertThat(march20.path("periods").get(0).path("tables").path("total").path("count").asLong())
        .isEqualTo(40);
    assertThat(SnapshotSchemas.errors("contacts.schema.json", march20.toString())).isEmpty();
    JsonNode march2 =
        statistics.release(fromTheFuture, facts, LocalDate.parse("2026-03-02")).contacts();
    assertThat(periods(march2)).isEmpty();
    assertThat(SnapshotSchemas.errors("contacts.schema.json", march2.toString())).isEmpty();
  }

  @Test
  void release_afterReleasedRegistrationsExpired_continuesFromTheCountsReleasedWithThem() {
    ContactStatistics from2025 =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            CALENDAR,
            YearMonth.of(2025, 1));
    List<ContactFacts> year2025 = ContactScenarios.random(61, 600, YearMonth.of(2025, 1), 12);
    List<ContactFacts> year2026 = ContactScenarios.random(62, 300, YearMonth.of(2026, 1), 12);
    ContactStatistics.Release first =
        from2025.release(null, year2025, LocalDate.parse("2026-02-01"));
    assertThat(periods(first.contacts())).contains("all-through-2025");
    // January to June 2025 expire from storage (a retention of a year and a half).
    List<ContactFacts> left = new ArrayList<>(year2026);
    year2025.stream().filter(f -> f.contactDate().getMonthValue() > 6).forEach(left::add);
    List<ContactFacts> everyone = new ArrayList<>(year2025);
    everyone.addAll(year2026);
    LocalDate today = LocalDate.parse("2027-02-01");

    ContactStatistics.Release release =
        from2025.release(first.contacts(), first.counts(), left, today);

    assertThat(release.withheld()).isEmpty();
    assertThat(periods(release.contacts())).contains("2026-12", "2026", "all-through-2026");
    ReleasedCells.assertNoneChanged(first.contacts(), release.contacts());
    assertThat(total(release.contacts(), "all-through-2026")).isEqualTo(900);
    assertThat(from2025.audit(release.contacts(), everyone, today).passed()).isTrue();
    // Without the counts, the registrations left contradict the released figures: withheld.
    assertThat(from2025.release(first.contacts(), left, today).withheld()).isNotEmpty();
  }

  private static long total(JsonNode document, String period) {
    for (JsonNode p : document.path("periods")) {
      if (p.path("period").asText().equals(period)) {
        return p.path("tables").path("total").path("count").asLong();
      }
    }
    throw new AssertionError("no period " + period);
  }
}
