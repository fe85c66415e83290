package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small demo history, loaded through the runner's own HTTP API as a browser and a scheduler
 * would: for each of the last 60 days (moving the clock), a few page views and visits on every
 * site, then one aggregator run. Deterministic (fixed seed); the real clock is restored afterwards.
 */
final class DemoData {
  static final int DAYS = 60;
  private static final List<String> SOURCES =
      List.of("direct", "search", "search", "social", "campaign", "other");
  private static final int[] HOURS_UTC = {8, 19};

  private final URI baseUri;
  private final Map<String, String> siteOrigins;
  private final PrintStream console;

  /**
   * @param siteOrigins each site id and its configured origin (the beacon function's SITES)
   */
  DemoData(URI baseUri, Map<String, String> siteOrigins, PrintStream console) {
    this.baseUri = baseUri;
    this.siteOrigins = Map.copyOf(siteOrigins);
    this.console = console;
  }

  /** Loads the history; a failure is printed and leaves the runner running without it. */
  void load() {
    Random random = new Random(20200401);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    int pageViews = 0;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      try {
        for (int day = DAYS; day >= 1; day--) {
          LocalDate date = today.minusDays(day);
          for (int hour : HOURS_UTC) {
            Instant at = date.atTime(hour, random.nextInt(60)).toInstant(ZoneOffset.UTC);
            send(http, put("/local/clock", Map.of("now", at.toString())), 200);
            for (String site : siteOrigins.keySet().stream().sorted().toList()) {
              for (HttpRequest beacon : visit(random, site)) {
                send(http, beacon, 204);
                pageViews++;
              }
            }
          }
          if ((DAYS - day + 1) % 10 == 0) {
            console.printf(
                "  demo data: %d/%d days, %d page views%n", DAYS - day + 1, DAYS, pageViews);
          }
        }
        restoreClock(http);
        console.println("  demo data: running the aggregator");
        send(http, post("/local/aggregate", Map.of(), json(Map.of("rebuild", true))), 200);
        console.println("  demo data: loaded");
      } catch (DemoFailed | IOException e) {
        console.println("  demo data stopped: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        restoreClock(http);
      }
    }
  }

  private void restoreClock(HttpClient http) {
    try {
      send(http, request("/local/clock").DELETE().build(), 200);
    } catch (DemoFailed | IOException e) {
      console.println("  demo data: could not restore the real clock: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One visit of one to four page views, as beacon requests. */
  private List<HttpRequest> visit(Random random, String site) throws IOException {
    int pages = 1 + random.nextInt(4);
    String source = SOURCES.get(random.nextInt(SOURCES.size()));
    List<HttpRequest> beacons = new ArrayList<>();
    for (int page = 0; page < pages; page++) {
      String path = site.equals("selfhelp") ? "/module/" + (page + 1) : page == 0 ? "/" : "/hulp";
      String body =
          json(
              Map.of(
                  "site",
                  site,
                  "path",
                  path,
                  "source",
                  page == 0 ? source : "internal",
                  "newVisit",
                  page == 0));
      beacons.add(
          post(
              "/v1/beacons",
              Map.of("Origin", siteOrigins.get(site), "Content-Type", "text/plain;charset=UTF-8"),
              body));
    }
    return beacons;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofMinutes(5));
  }

  private HttpRequest put(String path, Map<String, String> body) throws IOException {
    return request(path).PUT(BodyPublishers.ofString(json(body))).build();
  }

  private HttpRequest post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = request(path).POST(BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return request.build();
  }

  private static void send(HttpClient http, HttpRequest request, int expected)
      throws IOException, InterruptedException, DemoFailed {
    check(request, http.send(request, BodyHandlers.ofString()), expected);
  }

  private static void check(HttpRequest request, HttpResponse<String> response, int expected)
      throws DemoFailed {
    if (response.statusCode() != expected) {
      throw new DemoFailed(
          request.method()
              + " "
              + request.uri().getPath()
              + " answered "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private static String json(Map<String, ?> value) throws IOException {
    return Json.mapper().writeValueAsString(value);
  }

  private static final class DemoFailed extends Exception {
    DemoFailed(String message) {
      super(message);
    }
  }
}
