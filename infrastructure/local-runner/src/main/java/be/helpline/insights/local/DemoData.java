package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * Loads the demo history ({@link DemoHistory}: 2019 and 2020, then last year through the last
 * complete month) through the runner's own HTTP API, as browsers, the banner network, a
 * coordinator, responders and centres would: it moves the runner's clock day by day, sends that
 * day's beacons, banner clicks, registrations and referral outcomes (a few requests at a time),
 * imports the campaign's impressions, runs the aggregator once for the Flemish years (together, as
 * of the day before the history resumes), then at the end of each quarter as the schedule would,
 * and once more when done. Prints its progress each month; the real clock is restored afterwards.
 */
final class DemoData {
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final int[] HOURS = {10, 15, 21};
  private static final int IN_FLIGHT = 4;
  private static final int RETRIES_ON_503 = 8;
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/130.0 Safari/537.36";

  private final URI baseUri;
  private final Map<String, String> siteOrigins;
  private final String originSecret;
  private final PrintStream console;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final Map<String, String> tokens = new HashMap<>();
  private final TreeMap<LocalDate, List<String[]>> outcomesDue = new TreeMap<>();
  private int pageViews;
  private int clicks;
  private int contacts;
  private int referrals;

  /**
   * @param siteOrigins each site id and its configured origin (the beacon function's SITES)
   * @param originSecret the beacon function's ORIGIN_SECRET: page views come as if through the
   *     public distribution, which sends it with the viewer's country and region
   */
  DemoData(URI baseUri, Map<String, String> siteOrigins, String originSecret, PrintStream console) {
    this.baseUri = baseUri;
    this.siteOrigins = Map.copyOf(siteOrigins);
    this.originSecret = originSecret;
    this.console = console;
  }

  /**
   * Loads the history's days ({@link DemoHistory#days}); a failure is printed and leaves the runner
   * running without the rest. Returns {@code loaded} or {@code stopped: <why>}, which {@code
   * /local/health} then says.
   */
  String load(List<LocalDate> days) {
    DemoHistory history = new DemoHistory(20200401);
    long started = System.nanoTime();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      try {
        for (String group : List.of("coordinator", "responder", "centre")) {
          tokens.put(group, token(http, group));
        }
        setClock(http, DemoHistory.FIRST_DAY, HOURS[0]);
        configureCampaign(http);
        for (int i = 0; i < days.size(); i++) {
          LocalDate date = days.get(i);
          loadDay(http, history, date);
          if (date.equals(DemoHistory.CAMPAIGN_END)) {
            importImpressions(http, history);
          }
          if (date.plusDays(1).getDayOfMonth() == 1) {
            console.printf(
                "  demo data: %s loaded (%d page views, %d banner clicks, %d contacts, %d"
                    + " referrals; %d s)%n",
                YearMonth.from(date),
                pageViews,
                clicks,
                contacts,
                referrals,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
          }
          LocalDate next = i + 1 < days.size() ? days.get(i + 1) : null;
          if (next != null && !next.equals(date.plusDays(1))) {
            // Before the gap: the Flemish years released together, as of the day before the history
            // resumes (long settled by then).
            aggregate(http, next.minusDays(1));
          } else if (date.isAfter(DemoHistory.FLEMISH_FIGURES_END)
              && date.plusDays(1).getMonthValue() % 3 == 1
              && date.plusDays(1).getDayOfMonth() == 1) {
            // After them, as the schedule would: each quarter's run releases the months settled by
            // then.
            aggregate(http, date);
          }
        }
        restoreClock(http);
        console.println("  demo data: running the aggregator");
        sendAll(
            http, List.of(post("/local/aggregate", Map.of(), json(Map.of("rebuild", true)))), 200);
        console.printf(
            "  demo data: loaded in %d s%n",
            Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return "loaded";
      } catch (DemoFailed | IOException e) {
        console.println("  demo data stopped: " + e.getMessage());
        return "stopped: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "stopped: interrupted";
      } finally {
        restoreClock(http);
      }
    }
  }

  private void loadDay(HttpClient http, DemoHistory history, LocalDate date)
      throws IOException, InterruptedException, DemoFailed {
    DemoHistory.Day day = history.day(date);
    setClock(http, date, HOURS[0]);
    register(http, history, day);
    sendAll(http, outcomes(outcomesDue.remove(date)), 204);
    List<DemoHistory.PageView> views = day.pageViews();
    for (int slot = 1; slot < HOURS.length; slot++) {
      setClock(http, date, HOURS[slot]);
      List<HttpRequest> requests = new ArrayList<>();
      for (int i = slot - 1; i < views.size(); i += HOURS.length - 1) {
        requests.add(beacon(views.get(i)));
      }
      sendAll(http, requests, 204);
      pageViews += requests.size();
      if (slot == 1) {
        List<HttpRequest> banners = new ArrayList<>();
        for (DemoHistory.Click click : day.clicks()) {
          banners.add(
              request("/c/" + DemoHistory.CAMPAIGN + "/" + click.creative())
                  .header("User-Agent", BROWSER)
                  .GET()
                  .build());
        }
        sendAll(http, banners, 302);
        clicks += banners.size();
      }
    }
  }

  /** Runs the aggregator as of the evening of the given day. */
  private void aggregate(HttpClient http, LocalDate date)
      throws IOException, InterruptedException, DemoFailed {
    setClock(http, date, 23);
    sendAll(http, List.of(post("/local/aggregate", Map.of(), "{}")), 200);
    console.printf("  demo data: aggregator run as of %s%n", date);
  }

  private void register(HttpClient http, DemoHistory history, DemoHistory.Day day)
      throws IOException, InterruptedException, DemoFailed {
    List<HttpRequest> posts = new ArrayList<>();
    for (Map<String, Object> body : day.registrations()) {
      posts.add(
          staff("responder", "/v1/registrations")
              .POST(BodyPublishers.ofString(json(body)))
              .build());
    }
    // 200 is the same answer again: the HTTP client may resend a request whose connection it
    // found closed, and a registration is stored exactly once whatever the retries.
    for (HttpResponse<String> answer : sendAll(http, posts, 201, 200)) {
      contacts++;
      JsonNode code = Json.mapper().readTree(answer.body()).path("referralCode");
      if (code.isTextual()) {
        referrals++;
        String outcome = history.outcome();
        if (outcome != null) {
          outcomesDue
              .computeIfAbsent(day.date().plusDays(history.daysToOutcome()), d -> new ArrayList<>())
              .add(new String[] {code.asText(), outcome});
        }
      }
    }
  }

  private List<HttpRequest> outcomes(List<String[]> due) throws IOException {
    List<HttpRequest> requests = new ArrayList<>();
    for (String[] outcome : due == null ? List.<String[]>of() : due) {
      requests.add(
          staff("centre", "/v1/referrals/" + outcome[0] + "/outcome")
              .PUT(BodyPublishers.ofString(json(Map.of("outcome", outcome[1]))))
              .build());
    }
    return requests;
  }

  private void configureCampaign(HttpClient http)
      throws IOException, InterruptedException, DemoFailed {
    Map<String, Object> campaign = new LinkedHashMap<>();
    campaign.put("name", "Kijk uit wat je kijkt! (voorjaar 2020)");
    campaign.put("start", DemoHistory.CAMPAIGN_START.toString());
    campaign.put("end", DemoHistory.CAMPAIGN_END.toString());
    campaign.put(
        "landingUrl", siteOrigins.getOrDefault("selfhelp", "https://selfhelp.example") + "/");
    campaign.put("creatives", new TreeMap<>(DemoHistory.CREATIVES));
    sendAll(
        http,
        List.of(
            staff("coordinator", "/v1/campaigns/" + DemoHistory.CAMPAIGN)
                .PUT(BodyPublishers.ofString(json(campaign)))
                .build()),
        200);
  }

  private void importImpressions(HttpClient http, DemoHistory history)
      throws IOException, InterruptedException, DemoFailed {
    String csv = String.join("\n", history.impressionsCsv()) + "\n";
    sendAll(
        http,
        List.of(
            staff(
                    "coordinator",
                    "/v1/campaigns/"
                        + DemoHistory.CAMPAIGN
                        + "/impressions?reach="
                        + DemoHistory.CAMPAIGN_REACH)
                .setHeader("Content-Type", "text/csv")
                .PUT(BodyPublishers.ofString(csv))
                .build()),
        200);
  }

  private HttpRequest beacon(DemoHistory.PageView view) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site", view.site());
    body.put("path", view.path());
    body.put("source", view.source());
    if (view.campaign() != null) {
      body.put("campaign", view.campaign());
    }
    body.put("newVisit", view.newVisit());
    if (view.device() != null) {
      body.put("device", view.device());
    }
    HttpRequest.Builder request =
        request("/v1/beacons")
            .header("Origin", siteOrigins.get(view.site()))
            .header("Content-Type", "text/plain;charset=UTF-8")
            .header("User-Agent", BROWSER)
            .POST(BodyPublishers.ofString(json(body)));
    if (!originSecret.isEmpty()) {
      request.header("X-Origin-Verify", originSecret);
    }
    if (view.country() != null) {
      request.header("CloudFront-Viewer-Country", view.country());
    }
    if (view.region() != null) {
      request.header("CloudFront-Viewer-Country-Region", view.region());
    }
    return request.build();
  }

  private String token(HttpClient http, String group)
      throws IOException, InterruptedException, DemoFailed {
    HttpResponse<String> answer =
        sendAll(http, List.of(request("/local/token?group=" + group).GET().build()), 200).get(0);
    return Json.mapper().readTree(answer.body()).path("token").asText();
  }

  private void setClock(HttpClient http, LocalDate date, int hour)
      throws IOException, InterruptedException, DemoFailed {
    Instant at = date.atTime(hour, 0).atZone(BRUSSELS).toInstant();
    sendAll(http, List.of(put("/local/clock", Map.of("now", at.toString()))), 200);
  }

  private void restoreClock(HttpClient http) {
    try {
      sendAll(http, List.of(request("/local/clock").DELETE().build()), 200);
    } catch (DemoFailed | IOException e) {
      console.println("  demo data: could not restore the real clock: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofMinutes(5));
  }

  private HttpRequest.Builder staff(String group, String path) {
    return request(path)
        .header("Authorization", "Bearer " + tokens.get(group))
        .header("Content-Type", "application/json");
  }

  private HttpRequest put(String path, Map<String, String> body) throws IOException {
    return request(path).PUT(BodyPublishers.ofString(json(body))).build();
  }

  private HttpRequest post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = request(path).POST(BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return request.build();
  }

  /** Sends the requests, at most {@value #IN_FLIGHT} at a time, and checks every answer. */
  private List<HttpResponse<String>> sendAll(
      HttpClient http, List<HttpRequest> requests, int... expected)
      throws IOException, InterruptedException, DemoFailed {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (HttpRequest request : requests) {
      inFlight.acquire();
      answers.add(
          http.sendAsync(request, BodyHandlers.ofString())
              .whenComplete((answer, failure) -> inFlight.release()));
    }
    List<HttpResponse<String>> results = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> answer;
      try {
        answer = answers.get(i).get();
        // A 503 means "not stored, try again" (the emulator was slow): a browser would drop the
        // beacon, the demo sends it again so that the history stays complete, backing off as a
        // client should (0.25 s doubling to 8 s, about half a minute in all: with three quick
        // retries one registration's 503s once stopped the demo in March of its last year).
        for (int retry = 1; answer.statusCode() == 503 && retry <= RETRIES_ON_503; retry++) {
          Thread.sleep(Math.min(8000L, 250L << (retry - 1)));
          answer = http.send(requests.get(i), BodyHandlers.ofString());
        }
      } catch (ExecutionException e) {
        throw new IOException(requests.get(i).uri().getPath() + ": " + e.getCause(), e);
      }
      check(requests.get(i), answer, expected);
      results.add(answer);
    }
    return results;
  }

  private static void check(HttpRequest request, HttpResponse<String> response, int... expected)
      throws DemoFailed {
    if (IntStream.of(expected).noneMatch(status -> status == response.statusCode())) {
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

  private static String json(Object value) throws IOException {
    return Json.mapper().writeValueAsString(value);
  }

  private static final class DemoFailed extends Exception {
    DemoFailed(String message) {
      super(message);
    }
  }
}
