package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.ContactScenarios;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flemish programme's published 2020 contact figures (about 1,500 contacts, 195 referred of
 * whom 127 self-concerned; 866 male, 474 female, 49 X; 34 self-concerned women and 261 women
 * concerned about someone close; 80% of referrals arrived), registered through the local HTTP API
 * as signed-in responders would, the outcomes confirmed as centres would, then aggregated: {@code
 * contacts.json} and both reports must carry exactly those figures.
 */
class FlemishContactsScenarioIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static PrivateRunner runner;

  @BeforeAll
  static void start() {
    runner = PrivateRunner.start(line -> {});
  }

  @AfterAll
  static void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void theFlemish2020Contacts_registeredThroughTheApi_giveThePublishedFigures() throws Exception {
    Instant started = Instant.now();
    setClock("2021-01-15T10:00:00Z");
    String responder = "Bearer " + token("responder");
    String centre = "Bearer " + token("centre");
    List<ContactFacts> contacts = ContactScenarios.flemish2020(2020);
    Random ids = new Random(15);

    // Four responders at a time; each referral's outcome confirmed by a centre afterwards.
    List<Future<String[]>> registered = new ArrayList<>();
    try (ExecutorService responders = Executors.newFixedThreadPool(4)) {
      for (ContactFacts contact : contacts) {
        String body = Json.mapper().writeValueAsString(registration(contact, ids));
        registered.add(
            responders.submit(
                () -> {
                  // A 503 stored nothing: the form sends the same registration again.
                  HttpResponse<String> answer = null;
                  for (int attempt = 0; attempt < 4; attempt++) {
                    answer =
                        send(
                            request("/v1/registrations", responder)
                                .POST(BodyPublishers.ofString(body)));
                    if (answer.statusCode() != 503) {
                      break;
                    }
                  }
                  // 201 stored; 200 when an earlier attempt of this very request was stored (the
                  // SDK retries a write that moto answered slowly): the totals below prove once.
                  assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
                  JsonNode json = Json.mapper().readTree(answer.body());
                  return new String[] {
                    json.path("referralCode").asText(null),
                    contact.referred() ? contact.referral().outcome() : null
                  };
                }));
      }
      List<Future<Integer>> confirmed = new ArrayList<>();
      for (Future<String[]> result : registered) {
        String[] codeAndOutcome = result.get();
        if (codeAndOutcome[1] != null) {
          confirmed.add(
              responders.submit(
                  () ->
                      send(request("/v1/referrals/" + codeAndOutcome[0] + "/outcome", centre)
                              .PUT(
                                  BodyPublishers.ofString(
                                      "{\"outcome\": \"" + codeAndOutcome[1] + "\"}")))
                          .statusCode()));
        }
      }
      for (Future<Integer> status : confirmed) {
        assertThat(status.get()).isEqualTo(204);
      }
    }
    HttpResponse<String> aggregated =
        send(
            HttpRequest.newBuilder(uri("/local/aggregate"))
                .POST(BodyPublishers.ofString("{\"rebuild\": true}")));
    assertThat(aggregated.statusCode()).as(aggregated.body()).isEqualTo(200);

    String contactsText = snapshot("contacts.json");
    assertThat(SnapshotSchemas.errors("contacts.schema.json", contactsText)).isEmpty();
    JsonNode contactsJson = Json.mapper().readTree(contactsText);
    for (String period : List.of("2020", "all")) {
      JsonNode tables = period(contactsJson, period).path("tables");
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

    String dutch = snapshot("report.nl.md");
    String english = snapshot("report.en.md");
    assertThat(english).contains("1,500").contains("195").contains("127").contains("80");
    assertThat(dutch).contains("1.500").contains("195").contains("127").contains("80");
    System.out.printf(
        "Flemish contacts scenario: %d registrations and %d outcomes through the API in %d s%n",
        contacts.size(),
        contacts.stream().filter(ContactFacts::referred).count(),
        Duration.between(started, Instant.now()).toSeconds());
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

  private static int cell(JsonNode cells, String key) {
    for (JsonNode cell : cells) {
      if (cell.path("key").asText().equals(key)) {
        assertThat(cell.path("suppressed").isMissingNode()).as(key + " published").isTrue();
        return cell.path("count").asInt();
      }
    }
    throw new AssertionError("no cell " + key);
  }

  private static String snapshot(String file) throws Exception {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/snapshots/v1/latest/" + file)));
    assertThat(answer.statusCode()).as(file).isEqualTo(200);
    return answer.body();
  }

  private static String token(String group) throws Exception {
    return Json.mapper()
        .readTree(send(HttpRequest.newBuilder(uri("/local/token?group=" + group))).body())
        .path("token")
        .asText();
  }

  private static void setClock(String instant) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri("/local/clock"))
                .PUT(BodyPublishers.ofString("{\"now\": \"" + instant + "\"}")));
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  private static HttpRequest.Builder request(String path, String authorization) {
    return HttpRequest.newBuilder(uri(path))
        .header("authorization", authorization)
        .header("content-type", "application/json");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return runner.baseUri().resolve(path);
  }
}
