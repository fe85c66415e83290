package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.ReleasedCells;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The intruder's view of contact statistics (SPEC section 6.1), end to end through the local HTTP
 * API: responders register contacts day by day from January to early May 2026 (today's contacts,
 * amendments, voids, outcomes, rare combinations, and late changes to released months, which are
 * refused), the aggregator runs every few days and on every release day, and the intruder keeps
 * every contacts.json and subtracts consecutive ones: no released cell may change, no month may
 * appear before its release, and the latest document (everything ever published) passes the audit.
 */
class ContactReleaseIntruderIT {
  private static final ReleaseCalendar CALENDAR = new ReleaseCalendar(30, 90);
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  private static RunnerHttp api() {
    return LOCAL.http();
  }

  /** The history: 40 contacts in January and in February, 6 in March, 30 in April. */
  private static List<ContactFacts> history() {
    List<ContactFacts> facts = new ArrayList<>();
    facts.addAll(ContactScenarios.random(41, 40, YearMonth.of(2026, 1), 1));
    facts.addAll(ContactScenarios.random(42, 40, YearMonth.of(2026, 2), 1));
    facts.addAll(ContactScenarios.random(43, 6, YearMonth.of(2026, 3), 1));
    facts.addAll(ContactScenarios.random(44, 30, YearMonth.of(2026, 4), 1));
    // A rare combination: a girl under 18, about herself, reported under the protocol, referred.
    facts.add(
        new ContactFacts(
            LocalDate.parse("2026-02-14"),
            "CHAT",
            "SELF",
            "FEMALE",
            "UNDER_18",
            "SELF_HELP_MODULE",
            "YES",
            "REPORTED",
            "YES",
            Set.of(),
            new ContactFacts.Referral("UFC", "LIMBURG", "ARRIVED")));
    return facts;
  }

  @Test
  void consecutiveSnapshots_neverChangeAReleasedFigure_andTheirUnionPassesTheAudit()
      throws Exception {
    List<ContactFacts> history = history();
    Map<String, List<Registered>> byDay = new HashMap<>();
    List<JsonNode> snapshots = new ArrayList<>();
    List<LocalDate> runDays = new ArrayList<>();
    Map<YearMonth, Integer> stored = new HashMap<>();
    String responder;
    String coordinator;
    String centre;
    int refused = 0;
    for (LocalDate day = LocalDate.parse("2026-01-01");
        !day.isAfter(LocalDate.parse("2026-05-05"));
        day = day.plusDays(1)) {
      api().setClock(day + "T10:00:00Z");
      responder = "Bearer " + api().token("responder");
      coordinator = "Bearer " + api().token("coordinator");
      centre = "Bearer " + api().token("centre");
      for (ContactFacts contact : history) {
        if (contact.contactDate().equals(day)) {
          Registered registered = register(contact, responder);
          byDay.computeIfAbsent(day.toString(), d -> new ArrayList<>()).add(registered);
          stored.merge(YearMonth.from(day), 1, Integer::sum);
        }
      }
      // Centres answer three weeks after the contact.
      for (Registered registered : byDay.getOrDefault(day.minusDays(21).toString(), List.of())) {
        if (registered.code() != null && registered.contact().referral().outcome() != null) {
          HttpResponse<String> answer =
              api()
                  .send(
                      api()
                          .request("/v1/referrals/" + registered.code() + "/outcome", centre)
                          .PUT(
                              BodyPublishers.ofString(
                                  "{\"outcome\": \""
                                      + registered.contact().referral().outcome()
                                      + "\"}")));
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        }
      }
      switch (day.toString()) {
        case "2026-01-20" -> amendGender(firstOf(byDay, "2026-01"), responder, "UNKNOWN");
        case "2026-02-10" -> {
          Registered voided = firstOf(byDay, "2026-02");
          assertThat(
                  api()
                      .send(api().request("/v1/registrations/" + voided.id(), coordinator).DELETE())
                      .statusCode())
              .isEqualTo(204);
          stored.merge(YearMonth.of(2026, 2), -1, Integer::sum);
        }
        case "2026-03-10" -> {
          // January is released (3 March): voiding one of its registrations is refused.
          Registered january = firstOf(byDay, "2026-01");
          HttpResponse<String> answer =
              api().send(api().request("/v1/registrations/" + january.id(), coordinator).DELETE());
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
          assertThat(answer.body()).contains("period_released");
          refused++;
        }
        case "2026-03-25" -> {
          // A late registration of January, and an amendment moving a February contact there.
          ContactFacts late = history.getFirst();
          HttpResponse<String> answer =
              api()
                  .register(
                      body(withDate(late, LocalDate.parse("2026-01-15")), UUID.randomUUID()),
                      responder);
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
          assertThat(answer.body()).contains("period_released").contains("2026-03-03");
          refused++;
          Registered february = lastOf(byDay, "2026-02");
          HttpResponse<String> moved =
              amend(
                  february, withDate(february.contact(), LocalDate.parse("2026-01-31")), responder);
          assertThat(moved.statusCode()).as(moved.body()).isEqualTo(409);
          assertThat(moved.body()).contains("period_released");
          refused++;
        }
        default -> {}
      }
      boolean releaseDay = isReleaseDay(day);
      if (releaseDay || day.getDayOfMonth() % 9 == 0) {
        api().aggregate("{}");
        JsonNode contacts = Json.mapper().readTree(api().snapshot("contacts.json"));
        assertThat(SnapshotSchemas.errors("contacts.schema.json", contacts.toString())).isEmpty();
        assertOnlyReleasedPeriods(contacts, day);
        if (!snapshots.isEmpty()) {
          ReleasedCells.assertNoneChanged(snapshots.getLast(), contacts);
        }
        snapshots.add(contacts);
        runDays.add(day);
      }
    }

    JsonNode last = snapshots.getLast();
    // January (40 contacts) was out by 20 March; every month through March is out by 5 May.
    for (int i = 0; i < runDays.size(); i++) {
      if (!runDays.get(i).isBefore(LocalDate.parse("2026-03-20"))) {
        assertThat(total(snapshots.get(i), "2026-01")).isEqualTo(40);
        break;
      }
    }
    assertThat(total(last, "2026-01")).isEqualTo((long) stored.get(YearMonth.of(2026, 1)));
    assertThat(total(last, "2026-02")).isEqualTo((long) stored.get(YearMonth.of(2026, 2)));
    assertThat(last.path("periods").findValuesAsText("period"))
        .contains("2026-01", "2026-02", "2026-03", "2026-Q1")
        .doesNotContain("2026-04", "2026");
    assertThat(last.path("withheld")).isEmpty();
    assertThat(refused).isEqualTo(3);
    // The union of every snapshot is the last one: audited without the true counts.
    ContactStatistics audit =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            CALENDAR,
            YearMonth.of(2026, 1));
    assertThat(audit.audit(last).passed()).isTrue();
    System.out.printf(
        "Intruder view: %d snapshots kept, %d late changes refused, 0 released cells changed%n",
        snapshots.size(), refused);
  }

  private static boolean isReleaseDay(LocalDate day) {
    YearMonth month = YearMonth.from(day).minusMonths(1);
    for (int back = 0; back < 6; back++, month = month.minusMonths(1)) {
      if (CALENDAR.countsRelease(month).equals(day)
          || CALENDAR.outcomesRelease(month).equals(day)) {
        return true;
      }
    }
    return false;
  }

  /** Every month in the document is released on {@code day}; nothing later shows up. */
  private static void assertOnlyReleasedPeriods(JsonNode contacts, LocalDate day) {
    for (JsonNode period : contacts.path("periods")) {
      if (period.path("kind").asText().equals("month")) {
        YearMonth month = YearMonth.parse(period.path("period").asText());
        assertThat(CALENDAR.countsReleased(month, day)).as(month + " on " + day).isTrue();
        boolean outcomes = period.path("outcomesReleased").isTextual();
        assertThat(outcomes).isEqualTo(CALENDAR.outcomesReleased(month, day));
      }
    }
    assertThat(LocalDate.parse(contacts.path("dataThrough").asText()))
        .isBefore(day.withDayOfMonth(1));
  }

  private static long total(JsonNode contacts, String period) {
    for (JsonNode candidate : contacts.path("periods")) {
      if (candidate.path("period").asText().equals(period)) {
        return candidate.path("tables").path("total").path("count").asLong(-1);
      }
    }
    throw new AssertionError("no period " + period);
  }

  private record Registered(String id, String code, ContactFacts contact) {}

  private static Registered firstOf(Map<String, List<Registered>> byDay, String month) {
    return byDay.entrySet().stream()
        .filter(e -> e.getKey().startsWith(month))
        .sorted(Map.Entry.comparingByKey())
        .findFirst()
        .orElseThrow()
        .getValue()
        .getFirst();
  }

  private static Registered lastOf(Map<String, List<Registered>> byDay, String month) {
    return byDay.entrySet().stream()
        .filter(e -> e.getKey().startsWith(month))
        .sorted(Map.Entry.<String, List<Registered>>comparingByKey().reversed())
        .findFirst()
        .orElseThrow()
        .getValue()
        .getLast();
  }

  private static Registered register(ContactFacts contact, String responder) throws Exception {
    UUID id = UUID.randomUUID();
    HttpResponse<String> answer = api().register(body(contact, id), responder);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return new Registered(
        id.toString(),
        Json.mapper().readTree(answer.body()).path("referralCode").asText(null),
        contact);
  }

  private static void amendGender(Registered registered, String responder, String gender)
      throws Exception {
    ContactFacts c = registered.contact();
    HttpResponse<String> answer = amend(registered, copy(c, c.contactDate(), gender), responder);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** GET for the version, then PUT with If-Match: the answer to the PUT. */
  private static HttpResponse<String> amend(
      Registered registered, ContactFacts amended, String responder) throws Exception {
    return api().amend(registered.id(), body(amended, UUID.fromString(registered.id())), responder);
  }

  private static ContactFacts withDate(ContactFacts c, LocalDate date) {
    return copy(c, date, c.gender());
  }

  /** The same contact with another date or gender. */
  private static ContactFacts copy(ContactFacts c, LocalDate date, String gender) {
    return RegistrationBodies.copy(c, date, gender, c.referral());
  }

  private static ObjectNode body(ContactFacts contact, UUID id) {
    return RegistrationBodies.of(contact, id);
  }
}
