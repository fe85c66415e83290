package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.local.FaultyEmulator.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Faults of the storage behind the local API, injected by a proxy in front of moto while beacons,
 * banner clicks and registrations flow (two clients of each, sending one request after the other),
 * and while the aggregator publishes. Each fault has a day of its own (the runner's clock), so what
 * was stored on it is read back per day: from {@code traffic.json} and {@code campaigns.json} after
 * a healthy aggregator run, and the registrations from the table itself.
 *
 * <p>What must hold: a beacon acknowledged (204) is stored, and none is stored twice (browsers do
 * not resend a beacon); every click is redirected at once, and a click not counted is reported
 * ({@code click_count_lost}); a registration retried by its form with the same id until it is
 * acknowledged is stored exactly once; an aggregator run that fails half-way leaves {@code
 * LATEST.json} on the last complete run, and the next run completes.
 */
class FaultInjectionIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 5);
  private static final Duration BEFORE = Duration.ofMillis(1500);
  // Longer than a registration call's budget (6 s): the function then answers 503 and the form
  // retries.
  private static final Duration DURING = Duration.ofSeconds(8);
  private static final Duration AFTER = Duration.ofMillis(1500);
  private static final int CLIENTS = 2;
  private static final int REGISTRATION_ATTEMPTS = 12;
  private static final String BEACON =
      "{\"site\": \"selfhelp\", \"path\": \"/module/1\", \"source\": \"direct\", \"newVisit\":"
          + " true}";
  private static final String LOST = "click_count_lost";

  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static FaultyEmulator.ProxiedRunner local;
  private static FaultyEmulator proxy;
  private static PrivateRunner runner;
  private static RunnerHttp http;
  private static String responder;

  @BeforeAll
  static void start() throws Exception {
    local = FaultyEmulator.ProxiedRunner.start(LOG::add);
    runner = local.runner();
    proxy = local.proxy();
    http = new RunnerHttp(runner);
    responder = "Bearer " + http.token("responder");
  }

  @AfterAll
  static void stop() {
    if (local != null) {
      local.close();
    }
  }

  /** What one fault's day saw, counted by the clients. */
  private static final class Day {
    final Fault fault;
    final LocalDate date;
    final AtomicInteger beaconsSent = new AtomicInteger();
    final AtomicInteger beaconsAcknowledged = new AtomicInteger();
    final AtomicInteger clicksSent = new AtomicInteger();
    final AtomicInteger clicksRedirected = new AtomicInteger();
    final AtomicLong slowestRedirectMillis = new AtomicLong();
    final AtomicInteger registrationsSent = new AtomicInteger();
    final AtomicInteger registrationAttempts = new AtomicInteger();
    final Set<String> registrationsAcknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger registrationsGivenUp = new AtomicInteger();
    final AtomicInteger registrationsSentAgain = new AtomicInteger();
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    int clicksReportedLost;

    Day(Fault fault, LocalDate date) {
      this.fault = fault;
      this.date = date;
    }
  }

  @Test
  void trafficThroughEachFault_acknowledgedIsStored_nothingTwice_clicksRedirectAtOnce()
      throws Exception {
    String coordinator = "Bearer " + http.token("coordinator");
    HttpResponse<String> campaign =
        http.send(
            http.request("/v1/campaigns/faults", coordinator)
                .PUT(
                    BodyPublishers.ofString(
                        """
                        {"name": "Storingen", "start": "2026-10-01", "end": "2026-10-31",
                         "landingUrl": "https://stopitnow.example/", "creatives": {"c1": "Banner"}}\
                        """)));
    assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(200);

    List<Day> days = new ArrayList<>();
    for (Fault fault : List.of(Fault.DOWN, Fault.SLOW, Fault.THROTTLED)) {
      Day day = new Day(fault, FIRST_DAY.plusDays(days.size()));
      int lostBefore = lostClicks();
      traffic(day);
      day.clicksReportedLost = lostClicks() - lostBefore;
      days.add(day);
    }
    assertThat(proxy.fault()).isEqualTo(Fault.NONE);
    http.setClock(FIRST_DAY.plusDays(days.size()) + "T10:00:00Z");
    http.aggregate("{}");
    JsonNode traffic = Json.mapper().readTree(http.snapshot("traffic.json"));
    JsonNode campaigns = Json.mapper().readTree(http.snapshot("campaigns.json"));
    Map<String, Map<String, AttributeValue>> registrations = storedRegistrations();

    System.out.printf(
        "%nFault injection (proxy in front of moto; %d clients of each kind; %s healthy, %s"
            + " fault, %s healthy):%n",
        CLIENTS, BEFORE, DURING, AFTER);
    System.out.printf(
        "%-10s %-34s %-44s %-46s%n",
        "fault",
        "beacons sent/ack/stored/lost/dup",
        "clicks sent/redirected/slowest/stored/lost-reported/dup",
        "registrations sent/attempts/again/ack/stored/lost/dup");
    for (Day day : days) {
      long beaconsStored = dailyCount(traffic.at("/sites/selfhelp/daily"), day.date, "pageviews");
      long clicksStored = dailyCount(campaignDaily(campaigns), day.date, "clicks");
      List<Map<String, AttributeValue>> registered =
          registrations.values().stream()
              .filter(item -> item.get("contactDate").s().equals(day.date.toString()))
              .toList();
      long registrationsLost =
          day.registrationsAcknowledged.stream()
              .filter(id -> !registrations.containsKey(id))
              .count();
      long registrationsDuplicated =
          registered.stream().filter(item -> !item.get("version").n().equals("1")).count();
      int beaconsAcknowledged = day.beaconsAcknowledged.get();
      System.out.printf(
          "%-10s %-34s %-44s %-46s%n",
          day.fault,
          "%d/%d/%d/%d/%d"
              .formatted(
                  day.beaconsSent.get(),
                  beaconsAcknowledged,
                  beaconsStored,
                  Math.max(0, beaconsAcknowledged - beaconsStored),
                  Math.max(0, beaconsStored - day.beaconsSent.get())),
          "%d/%d/%d ms/%d/%d/%d"
              .formatted(
                  day.clicksSent.get(),
                  day.clicksRedirected.get(),
                  day.slowestRedirectMillis.get(),
                  clicksStored,
                  day.clicksReportedLost,
                  Math.max(0, clicksStored - day.clicksSent.get())),
          "%d/%d/%d/%d/%d/%d/%d"
              .formatted(
                  day.registrationsSent.get(),
                  day.registrationAttempts.get(),
                  day.registrationsSentAgain.get(),
                  day.registrationsAcknowledged.size(),
                  registered.size(),
                  registrationsLost,
                  registrationsDuplicated));

      assertThat(day.unexpected).as("%s: unexpected answers", day.fault).isEmpty();
      assertThat(beaconsStored)
          .as("%s: every acknowledged beacon stored, none twice", day.fault)
          .isBetween((long) beaconsAcknowledged, (long) day.beaconsSent.get());
      assertThat(day.clicksRedirected.get())
          .as("%s: every click redirected", day.fault)
          .isEqualTo(day.clicksSent.get());
      assertThat(day.slowestRedirectMillis.get())
          .as("%s: redirected at once, not after the emulator's %s", day.fault, proxy)
          .isLessThan(FaultyEmulator.SLOW_DELAY.toMillis());
      assertThat(clicksStored)
          .as("%s: no click counted twice", day.fault)
          .isLessThanOrEqualTo(day.clicksSent.get());
      assertThat(day.clicksSent.get() - clicksStored)
          .as("%s: a click not counted is reported lost", day.fault)
          .isLessThanOrEqualTo(day.clicksReportedLost);
      assertThat(day.registrationsGivenUp.get()).as("%s: given up", day.fault).isZero();
      assertThat(day.registrationsAcknowledged).hasSize(day.registrationsSent.get());
      assertThat(registrationsLost).as("%s: acknowledged, not stored", day.fault).isZero();
      assertThat(registered)
          .as("%s: each registration stored once, as first sent", day.fault)
          .hasSize(day.registrationsSent.get());
      assertThat(registrationsDuplicated).isZero();
      assertThat(day.beaconsSent.get() + day.clicksSent.get() + day.registrationsSent.get())
          .as("%s: traffic flowed", day.fault)
          .isGreaterThan(10);
    }
    assertThat(days.get(0).beaconsAcknowledged.get())
        .as("down: some beacons were refused (the fault was felt)")
        .isLessThan(days.get(0).beaconsSent.get());
    assertThat(proxy.throttledCalls()).as("throttled calls").isPositive();
  }

  @Test
  void anAggregatorRunThatFailsHalfWay_leavesLatestOnTheLastCompleteRun_andTheNextCompletes()
      throws Exception {
    // Two DynamoDB reads in three throttled: DynamoDbHttp's retries carry the run through.
    http.setClock("2026-11-02T07:00:00Z");
    proxy.set(Fault.THROTTLED);
    int throttledBefore = proxy.throttledCalls();
    int throttledRun = aggregateStatus();
    proxy.set(Fault.NONE);
    int throttledCalls = proxy.throttledCalls() - throttledBefore;
    assertThat(throttledRun).as("a run while throttled").isEqualTo(200);
    assertThat(throttledCalls).isPositive();
    assertThat(Json.mapper().readTree(file("LATEST.json")).path("runId").asText())
        .startsWith("20261102T070000Z");

    http.setClock("2026-11-02T08:00:00Z");
    http.aggregate("{}");
    String latestBefore = file("LATEST.json");
    Map<String, String> filesBefore = latestFiles();
    assertThat(filesBefore).isNotEmpty();

    // Down after three files of the new run's folder: LATEST.json and latest/ are untouched.
    http.setClock("2026-11-02T09:00:00Z");
    proxy.downAfterWrites("/snapshots/v1/runs/", 3);
    int failed = aggregateStatus();
    proxy.set(Fault.NONE);
    assertThat(failed).as("the run failed").isEqualTo(500);
    assertThat(file("LATEST.json")).isEqualTo(latestBefore);
    assertThat(latestFiles()).isEqualTo(filesBefore);

    // Down after two files of latest/: LATEST.json still names the last complete run, whose
    // folder is whole; latest/ holds files of two runs until the next run (README, "Snapshots").
    http.setClock("2026-11-02T10:00:00Z");
    proxy.downAfterWrites("/snapshots/v1/latest/", 2);
    failed = aggregateStatus();
    proxy.set(Fault.NONE);
    assertThat(failed).as("the run failed").isEqualTo(500);
    assertThat(file("LATEST.json")).isEqualTo(latestBefore);
    JsonNode pointer = Json.mapper().readTree(latestBefore);
    for (String name : filesBefore.keySet()) {
      assertThat(file(pointer.path("path").asText().substring("snapshots/v1/".length()) + name))
          .as("the last complete run's %s", name)
          .isEqualTo(filesBefore.get(name));
    }
    Map<String, String> mixed = latestFiles();
    long replaced =
        filesBefore.keySet().stream()
            .filter(name -> !mixed.get(name).equals(filesBefore.get(name)))
            .count();

    http.setClock("2026-11-02T11:00:00Z");
    http.aggregate("{}");
    JsonNode next = Json.mapper().readTree(file("LATEST.json"));
    assertThat(next.path("runId").asText()).isNotEqualTo(pointer.path("runId").asText());
    String nextFolder = next.path("path").asText().substring("snapshots/v1/".length());
    Map<String, String> after = latestFiles();
    for (Map.Entry<String, String> entry : after.entrySet()) {
      assertThat(entry.getValue())
          .as("latest/%s is the next run's", entry.getKey())
          .isEqualTo(file(nextFolder + entry.getKey()));
    }
    System.out.printf(
        "Aggregator faults: a run with %d DynamoDB calls throttled completed; down after 3 writes"
            + " of runs/: LATEST.json and %d latest/ files unchanged; down after 2 writes of"
            + " latest/: LATEST.json unchanged, %d of %d latest/ files from the failed run until"
            + " the next; the next run completed (%s)%n",
        throttledCalls,
        filesBefore.size(),
        replaced,
        filesBefore.size(),
        next.path("runId").asText());
  }

  /** Runs the day's traffic: healthy, then the fault, then healthy again. */
  private static void traffic(Day day) throws Exception {
    http.setClock(day.date + "T10:00:00Z");
    Instant begun = Instant.now();
    Instant end = begun.plus(BEFORE).plus(DURING).plus(AFTER);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      pool.submit(
          () -> {
            Thread.sleep(BEFORE.toMillis());
            proxy.set(day.fault);
            Thread.sleep(DURING.toMillis());
            proxy.set(Fault.NONE);
            return null;
          });
      for (int client = 0; client < CLIENTS; client++) {
        pool.submit(() -> beacons(day, end));
        pool.submit(() -> clicks(day, end));
        pool.submit(() -> registrations(day, end));
      }
    }
  }

  private static Void beacons(Day day, Instant end) {
    while (Instant.now().isBefore(end)) {
      day.beaconsSent.incrementAndGet();
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(http.uri("/v1/beacons"))
                    .header("origin", "https://selfhelp.example")
                    .header("content-type", "text/plain;charset=UTF-8")
                    .timeout(Duration.ofSeconds(15))
                    .POST(BodyPublishers.ofString(BEACON))
                    .build(),
                BodyHandlers.ofString());
        if (answer.statusCode() == 204) {
          day.beaconsAcknowledged.incrementAndGet();
        } else if (answer.statusCode() != 503) {
          day.unexpected.add("beacon " + answer.statusCode() + " " + answer.body());
        }
      } catch (Exception e) {
        day.unexpected.add("beacon " + e);
      }
    }
    return null;
  }

  private static Void clicks(Day day, Instant end) {
    while (Instant.now().isBefore(end)) {
      day.clicksSent.incrementAndGet();
      long started = System.nanoTime();
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(http.uri("/c/faults/c1"))
                    .timeout(Duration.ofSeconds(15))
                    .GET()
                    .build(),
                BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        day.slowestRedirectMillis.accumulateAndGet(millis, Math::max);
        if (answer.statusCode() == 302
            && answer
                .headers()
                .firstValue("location")
                .orElse("")
                .startsWith("https://stopitnow.example/")) {
          day.clicksRedirected.incrementAndGet();
        } else {
          day.unexpected.add("click " + answer.statusCode() + " " + answer.headers().map());
        }
      } catch (Exception e) {
        day.unexpected.add("click " + e);
      }
    }
    return null;
  }

  /** A form's registrations: each sent again, with the same id and body, until acknowledged. */
  private static Void registrations(Day day, Instant end) throws InterruptedException {
    while (Instant.now().isBefore(end)) {
      day.registrationsSent.incrementAndGet();
      String id = UUID.randomUUID().toString();
      String body =
          """
          {"id": "%s", "contactDate": "%s", "channel": "PHONE", "callerGroup": "RELATIVE",
           "topics": ["ATTRACTION"], "pastOffences": "UNKNOWN", "risk": "NONE",
           "support": ["INFORMATION"], "gender": "UNKNOWN", "ageBand": "UNKNOWN",
           "howHeard": "SEARCH", "firstContact": "YES"}\
          """
              .formatted(id, day.date);
      long pause = 250;
      for (int attempt = 1; ; attempt++) {
        day.registrationAttempts.incrementAndGet();
        int status;
        String answerBody;
        try {
          HttpResponse<String> answer = register(body);
          status = answer.statusCode();
          answerBody = answer.body();
        } catch (Exception e) {
          status = 0;
          answerBody = e.toString();
        }
        if (status == 201 || status == 200) {
          day.registrationsAcknowledged.add(id);
          if (day.registrationsSent.get() % 4 == 0) {
            sendAgain(day, body);
          }
          break;
        }
        if (status != 503 && status != 500 && status != 0) {
          day.unexpected.add("registration " + status + " " + answerBody);
          break;
        }
        if (attempt == REGISTRATION_ATTEMPTS) {
          day.registrationsGivenUp.incrementAndGet();
          break;
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 2000);
      }
    }
    return null;
  }

  /**
   * A form that lost the answer sends the same registration again, answered by the first answer
   * (200) or, while storage fails, 503; nothing else.
   */
  private static void sendAgain(Day day, String body) {
    day.registrationsSentAgain.incrementAndGet();
    try {
      HttpResponse<String> answer = register(body);
      if (answer.statusCode() != 200 && answer.statusCode() != 503) {
        day.unexpected.add("registration sent again " + answer.statusCode() + " " + answer.body());
      }
    } catch (Exception e) {
      day.unexpected.add("registration sent again " + e);
    }
  }

  private static HttpResponse<String> register(String body) throws Exception {
    return HTTP.send(
        http.request("/v1/registrations", responder)
            .timeout(Duration.ofSeconds(15))
            .POST(BodyPublishers.ofString(body))
            .build(),
        BodyHandlers.ofString());
  }

  private static int lostClicks() {
    synchronized (LOG) {
      return (int) LOG.stream().filter(line -> line.contains(LOST)).count();
    }
  }

  private static long dailyCount(JsonNode daily, LocalDate date, String field) {
    for (JsonNode row : daily) {
      if (row.path("date").asText().equals(date.toString())) {
        return row.path(field).asLong();
      }
    }
    return 0;
  }

  private static JsonNode campaignDaily(JsonNode campaigns) {
    for (JsonNode campaign : campaigns.path("campaigns")) {
      if (campaign.path("id").asText().equals("faults")) {
        return campaign.path("daily");
      }
    }
    throw new AssertionError("campaign faults not in campaigns.json");
  }

  /** The registration items, by id, read from moto itself (not through the proxy). */
  private static Map<String, Map<String, AttributeValue>> storedRegistrations() {
    String table = runner.environment("RegistrationFunction").get("REGISTRATIONS_TABLE");
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    be.helpline.insights.aws.testing.Emulator.at(runner.emulator())
        .dynamoDb()
        .scanPaginator(scan -> scan.tableName(table))
        .items()
        .forEach(
            item -> {
              if ("registration".equals(item.get("sk").s())) {
                assertThat(items.put(item.get("id").s(), item)).as("one item per id").isNull();
              }
            });
    return items;
  }

  private static int aggregateStatus() throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(http.uri("/local/aggregate"))
                .POST(BodyPublishers.ofString("{}"))
                .build(),
            BodyHandlers.ofString())
        .statusCode();
  }

  /** A file of the snapshot bucket under {@code snapshots/v1/}, through the runner. */
  private static String file(String key) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(http.uri("/snapshots/v1/" + key)).GET().build(),
            BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(key).isEqualTo(200);
    return answer.body();
  }

  /** Every file of {@code latest/} that the manifest there lists, with the manifest. */
  private static Map<String, String> latestFiles() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    String manifest = file("latest/manifest.json");
    files.put("manifest.json", manifest);
    for (JsonNode entry : Json.mapper().readTree(manifest).path("files")) {
      String name = entry.path("name").asText();
      files.put(name, file("latest/" + name));
    }
    return files;
  }
}
