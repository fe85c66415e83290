package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.SnapshotSchemas;
import be.helpline.insights.testing.TrafficSplit;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The self-help module's published figures (Flemish Parliament, written question 394 of 2021):
 * 16,969 new visitors since December 2018, 5,492 of them from Flanders, of whom 628 came back, and
 * 9,148 whose country could not be traced. Every visitor is one beacon through the local HTTP API,
 * day by day under the runner's clock, from a consenting device in returning mode; the figures must
 * come out exactly, and traffic.json's split into a summary and years (what the dashboard reads)
 * must hold the same.
 */
class FlemishTrafficScenarioIT {
  private static final String ORIGIN = "https://selfhelp.example";
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120"
          + " Safari/537.36";
  private static final LocalDate LAUNCH = LocalDate.of(2018, 12, 1);
  private static final LocalDate END = LocalDate.of(2020, 12, 31);

  /**
   * New visitors and returning visitors per place, as CloudFront would name it (country, region).
   */
  private record Place(String country, String region, int newVisitors, int returning) {}

  private static final List<Place> PLACES =
      List.of(
          new Place("BE", "VAN", 1_900, 220),
          new Place("BE", "VOV", 1_500, 170),
          new Place("BE", "VBR", 900, 100),
          new Place("BE", "VWV", 700, 80),
          new Place("BE", "VLI", 492, 58),
          new Place("", "", 9_148, 300),
          new Place("BE", "BRU", 400, 20),
          new Place("BE", "WHT", 329, 10),
          new Place("NL", "", 1_200, 40),
          new Place("FR", "IDF", 400, 0));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  @Test
  void publishedSelfHelpFigures_comeOutExactly() throws Exception {
    List<List<HttpRequest>> days = beaconsByDay();
    int sent = 0;
    Instant started = Instant.now();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int day = 0; day < days.size(); day++) {
        setClock(LAUNCH.plusDays(day));
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpRequest beacon : days.get(day)) {
          answers.add(pool.submit(() -> HTTP.send(beacon, BodyHandlers.ofString())));
        }
        for (Future<HttpResponse<String>> answer : answers) {
          assertThat(answer.get().statusCode()).isEqualTo(204);
          sent++;
        }
      }
    }
    Duration took = Duration.between(started, Instant.now());
    System.out.printf(
        "Flemish scenario: %d beacons in %d s (%.0f/s)%n",
        sent, took.toSeconds(), sent / Math.max(1.0, took.toMillis() / 1000.0));

    JsonNode selfhelp = traffic().path("sites").path("selfhelp");

    assertThat(selfhelp.path("total").path("newVisitors").asLong()).isEqualTo(16_969);
    assertThat(geo(selfhelp, "BE-VLG").path("newVisitors").asLong()).isEqualTo(5_492);
    assertThat(geo(selfhelp, "BE-VLG").path("returningVisitors").asLong()).isEqualTo(628);
    assertThat(geo(selfhelp, "UNKNOWN").path("newVisitors").asLong()).isEqualTo(9_148);
    assertThat(selfhelp.path("total").path("pageviews").asLong()).isEqualTo(sent);
    assertThat(selfhelp.path("total").path("deviceFlagShare").asDouble()).isEqualTo(1.0);
    assertThat(selfhelp.path("daily").get(0).path("date").asText()).isEqualTo(LAUNCH.toString());
    // Every beacon was on /module/1: the self-help site's "module" section holds them all.
    JsonNode sections = selfhelp.path("bySection").path("total");
    assertThat(sections.get(1).path("key").asText()).isEqualTo("module");
    assertThat(sections.get(1).path("pageviews").asLong()).isEqualTo(sent);
    assertThat(sections.get(2).path("key").asText()).isEqualTo("other");
    assertThat(sections.get(2).path("pageviews").asLong()).isZero();
    assertSplitFilesJoinBackIntoTrafficJson();
  }

  /** The run's summary and year files, as the dashboard reads them, hold traffic.json's figures. */
  private static void assertSplitFilesJoinBackIntoTrafficJson() throws Exception {
    JsonNode manifest = Json.mapper().readTree(latestFile("manifest.json"));
    assertThat(manifest.path("files").findValuesAsText("name"))
        .contains(
            "traffic/summary.json",
            "traffic/daily/2018.json",
            "traffic/daily/2019.json",
            "traffic/daily/2020.json");
    String summaryText = latestFile("traffic/summary.json");
    assertThat(SnapshotSchemas.errors("traffic-summary.schema.json", summaryText)).isEmpty();
    JsonNode summary = Json.mapper().readTree(summaryText);
    assertThat(summary.path("dailyYears").toString()).isEqualTo("[\"2018\",\"2019\",\"2020\"]");
    Map<String, JsonNode> years = new LinkedHashMap<>();
    for (JsonNode year : summary.path("dailyYears")) {
      String text = latestFile("traffic/daily/" + year.asText() + ".json");
      assertThat(SnapshotSchemas.errors("traffic-daily.schema.json", text)).isEmpty();
      years.put(year.asText(), Json.mapper().readTree(text));
    }
    assertThat(TrafficSplit.join(summary, years))
        .isEqualTo(Json.mapper().readTree(latestFile("traffic.json")));
  }

  /** Spreads every visitor over the days since launch; returns come after the first visits. */
  private static List<List<HttpRequest>> beaconsByDay() {
    int dayCount = (int) (END.toEpochDay() - LAUNCH.toEpochDay()) + 1;
    List<List<HttpRequest>> days = new ArrayList<>();
    for (int i = 0; i < dayCount; i++) {
      days.add(new ArrayList<>());
    }
    int next = 0;
    for (Place place : PLACES) {
      for (int i = 0; i < place.newVisitors(); i++) {
        days.get(next++ % dayCount).add(beacon(place, true));
      }
    }
    int firstHalf = dayCount / 2;
    for (Place place : PLACES) {
      for (int i = 0; i < place.returning(); i++) {
        days.get(firstHalf + next++ % (dayCount - firstHalf)).add(beacon(place, false));
      }
    }
    return days;
  }

  private static HttpRequest beacon(Place place, boolean firstEver) {
    String body =
        """
        {"site": "selfhelp", "path": "/module/1", "source": "direct", "newVisit": true,
         "device": {"firstOfDay": true, "firstOfMonth": %s, "firstEver": %s, "firstReturn": %s}}\
        """
            .formatted(firstEver, firstEver, !firstEver);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/v1/beacons"))
            .header("origin", ORIGIN)
            .header("content-type", "text/plain;charset=UTF-8")
            .header("user-agent", BROWSER)
            .header("x-origin-verify", LOCAL.runner().originSecret())
            .POST(BodyPublishers.ofString(body));
    if (!place.country().isEmpty()) {
      request.header("cloudfront-viewer-country", place.country());
    }
    if (!place.region().isEmpty()) {
      request.header("cloudfront-viewer-country-region", place.region());
    }
    return request.build();
  }

  private static void setClock(LocalDate day) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/clock"))
                .PUT(BodyPublishers.ofString("{\"now\": \"" + day + "T10:00:00Z\"}"))
                .header("content-type", "application/json")
                .build(),
            BodyHandlers.ofString());
    assertThat(answer.statusCode()).isBetween(200, 204);
  }

  private static JsonNode traffic() throws Exception {
    HttpResponse<String> aggregate =
        HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/aggregate"))
                .POST(BodyPublishers.noBody())
                .build(),
            BodyHandlers.ofString());
    assertThat(aggregate.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(latestFile("traffic.json"));
  }

  private static String latestFile(String name) throws Exception {
    HttpResponse<String> file =
        HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/snapshots/v1/latest/" + name))
                .build(),
            BodyHandlers.ofString());
    assertThat(file.statusCode()).as(name).isEqualTo(200);
    return file.body();
  }

  private static JsonNode geo(JsonNode site, String key) {
    for (JsonNode row : site.path("byGeo").path("total")) {
      if (row.path("key").asText().equals(key)) {
        return row;
      }
    }
    throw new AssertionError("no geography " + key);
  }
}
