package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flemish programme's published 2020 contact figures (about 1,500 contacts, 195 referred of
 * whom 127 self-concerned; 866 male, 474 female, 49 X; 34 self-concerned women and 261 women
 * concerned about someone close; 80% of referrals arrived), registered through the local HTTP API
 * as signed-in responders would, the outcomes confirmed as centres would, then aggregated: {@code
 * contacts.json} and both reports must carry exactly those figures.
 */
class FlemishContactsScenarioIT {
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  private static RunnerHttp api() {
    return LOCAL.http();
  }

  @Test
  void theFlemish2020Contacts_registeredThroughTheApi_giveThePublishedFigures() throws Exception {
    Instant started = Instant.now();
    String responder = "Bearer " + api().token("responder");
    String centre = "Bearer " + api().token("centre");
    List<ContactFacts> contacts = ContactScenarios.flemish2020(2020);
    Random ids = new Random(15);
    TreeMap<LocalDate, List<String[]>> registrationsDue = new TreeMap<>();
    for (ContactFacts contact : contacts) {
      registrationsDue
          .computeIfAbsent(contact.contactDate(), day -> new ArrayList<>())
          .add(
              new String[] {
                Json.mapper().writeValueAsString(registration(contact, ids)),
                contact.referred() ? contact.referral().outcome() : null
              });
    }

    // Day by day under the runner's clock, as the helpline works: responders register each contact
    // on its day, four at a time; a centre confirms a referral two weeks later, well within
    // REFERRAL_OUTCOME_DAYS. A change to a released month would be refused (409 period_released).
    TreeMap<LocalDate, List<String[]>> outcomesDue = new TreeMap<>();
    TreeSet<LocalDate> days = new TreeSet<>(registrationsDue.keySet());
    try (ExecutorService responders = Executors.newFixedThreadPool(4)) {
      for (LocalDate day = days.pollFirst(); day != null; day = days.pollFirst()) {
        api().setClock(day.atTime(10, 0).atZone(BRUSSELS).toInstant().toString());
        List<Future<String[]>> registered = new ArrayList<>();
        for (String[] bodyAndOutcome : registrationsDue.getOrDefault(day, List.of())) {
          registered.add(responders.submit(() -> register(responder, bodyAndOutcome)));
        }
        List<Future<HttpResponse<String>>> confirmed = new ArrayList<>();
        for (String[] codeAndOutcome : outcomesDue.getOrDefault(day, List.of())) {
          confirmed.add(
              responders.submit(
                  () ->
                      sendAgainOn503(
                          api()
                              .request("/v1/referrals/" + codeAndOutcome[0] + "/outcome", centre)
                              .PUT(
                                  BodyPublishers.ofString(
                                      "{\"outcome\": \"" + codeAndOutcome[1] + "\"}")))));
        }
        for (Future<String[]> result : registered) {
          String[] codeAndOutcome = result.get();
          if (codeAndOutcome[1] != null) {
            LocalDate answered = day.plusDays(14);
            outcomesDue.computeIfAbsent(answered, d -> new ArrayList<>()).add(codeAndOutcome);
            days.add(answered);
          }
        }
        for (Future<HttpResponse<String>> answer : confirmed) {
          assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(204);
        }
      }
    }
    // Aggregated once every 2020 figure is released (December's outcomes on 2021-05-01).
    api().setClock("2021-06-01T10:00:00Z");
    api().aggregate("{\"rebuild\": true}");

    String contactsText = api().snapshot("contacts.json");
    assertThat(SnapshotSchemas.errors("contacts.schema.json", contactsText)).isEmpty();
    JsonNode contactsJson = Json.mapper().readTree(contactsText);
    // The year 2020, and the newest cumulative period (kind "all"), which holds all of it.
    for (JsonNode period : List.of(period(contactsJson, "2020"), newestCumulative(contactsJson))) {
      JsonNode tables = period.path("tables");
      assertThat(tables.path("total").path("count").asInt()).isEqualTo(1500);
      assertThat(cell(tables.path("gender"), "MALE")).isEqualTo(866);
      assertThat(cell(tables.path("gender"), "FEMALE")).isEqualTo(474);
      assertThat(cell(tables.path("gender"), "X")).isEqualTo(49);
      assertThat(cell(tables.path("callerGroupByGender"), "SELF/FEMALE")).isEqualTo(34);
      assertThat(cell(tables.path("callerGroupByGender"), "RELATIVE/FEMALE")).isEqualTo(261);
      JsonNode referrals = tables.path("referrals");
      assertThat(referrals.path("total").path("count").asInt()).isEqualTo(195);
      assertThat(referrals.path("share").decimalValue()).isEqualByComparingTo("0.13");
      assertThat(cell(referrals.path("callerGroup"), "SELF")).isEqualTo(127);
      JsonNode outcomes = tables.path("outcomes");
      assertThat(outcomes.path("arrived").path("count").asInt()).isEqualTo(156);
      assertThat(outcomes.path("notArrived").path("count").asInt()).isEqualTo(39);
      assertThat(outcomes.path("arrivalRate").decimalValue()).isEqualByComparingTo("0.8");
    }

    String dutch = api().snapshot("report.nl.md");
    String english = api().snapshot("report.en.md");
    assertThat(english).contains("1,500").contains("195").contains("127").contains("80");
    assertThat(dutch).contains("1.500").contains("195").contains("127").contains("80");
    System.out.printf(
        "Flemish contacts scenario: %d registrations and %d outcomes through the API in %d s%n",
        contacts.size(),
        contacts.stream().filter(ContactFacts::referred).count(),
        Duration.between(started, Instant.now()).toSeconds());
  }

  /**
   * Sends {@code bodyAndOutcome[0]} as a responder would and answers the referral code it got (or
   * null) with {@code bodyAndOutcome[1]}, the outcome the centre will confirm.
   */
  private static String[] register(String responder, String[] bodyAndOutcome) throws Exception {
    HttpResponse<String> answer =
        sendAgainOn503(
            api()
                .request("/v1/registrations", responder)
                .POST(BodyPublishers.ofString(bodyAndOutcome[0])));
    // 201 stored; 200 when an earlier attempt of this very request was stored (the client retries a
    // write that moto answered slowly): the totals below prove once.
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
    JsonNode json = Json.mapper().readTree(answer.body());
    return new String[] {json.path("referralCode").asText(null), bodyAndOutcome[1]};
  }

  /** The registration body a responder's form would send for these facts. */
  private static Map<String, Object> registration(ContactFacts contact, Random ids) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "id",
        new UUID(ids.nextLong() & ~0xF000L | 0x4000L, ids.nextLong() & ~(3L << 62) | (1L << 63))
            .toString());
    body.put("contactDate", contact.contactDate().toString());
    body.put("channel", contact.channel());
    body.put("callerGroup", contact.callerGroup());
    if (contact.callerGroup().equals("SELF")) {
      body.put("selfConcern", List.of("FEELINGS"));
    }
    body.put("topics", contact.topics().stream().sorted().toList());
    body.put("pastOffences", contact.pastOffences());
    body.put("risk", contact.risk());
    body.put("support", contact.referred() ? List.of("ADVICE", "REFERRAL") : List.of("ADVICE"));
    if (contact.referred()) {
      body.put(
          "referral",
          Map.of(
              "centreType", contact.referral().centreType(),
              "region", contact.referral().region()));
    }
    body.put("gender", contact.gender());
    body.put("ageBand", contact.ageBand());
    body.put("howHeard", contact.howHeard());
    body.put("firstContact", contact.firstContact());
    return body;
  }

  private static JsonNode period(JsonNode contactsJson, String period) {
    for (JsonNode candidate : contactsJson.path("periods")) {
      if (candidate.path("period").asText().equals(period)) {
        return candidate;
      }
    }
    throw new AssertionError("no period " + period + " in contacts.json");
  }

  private static JsonNode newestCumulative(JsonNode contactsJson) {
    JsonNode newest = null;
    for (JsonNode candidate : contactsJson.path("periods")) {
      if (candidate.path("kind").asText().equals("all")
          && (newest == null
              || candidate.path("period").asText().compareTo(newest.path("period").asText()) > 0)) {
        newest = candidate;
      }
    }
    assertThat(newest).as("a cumulative period in contacts.json").isNotNull();
    return newest;
  }

  private static int cell(JsonNode cells, String key) {
    for (JsonNode cell : cells) {
      if (cell.path("key").asText().equals(key)) {
        assertThat(cell.path("suppressed").isMissingNode()).as(key + " published").isTrue();
        return cell.path("count").asInt();
      }
    }
    throw new AssertionError("no cell " + key);
  }

  /**
   * A 503 (moto answered too slowly) is "try again": the form sends the same registration, the
   * centre the same answer, and neither is stored twice.
   */
  private static HttpResponse<String> sendAgainOn503(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> answer = api().send(request);
    for (int attempt = 1; attempt < 4 && answer.statusCode() == 503; attempt++) {
      answer = api().send(request);
    }
    return answer;
  }
}
