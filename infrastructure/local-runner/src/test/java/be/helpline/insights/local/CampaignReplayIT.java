package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
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
 * The Flemish programme's 2020 banner campaign on adult websites ('Kijk uit wat je kijkt!', 'Dreig
 * je een grens over te gaan?', 1 April to 19 May 2020): about 2.2 million impressions to about
 * 220,000 people, 1,497 clicks to the website. Replayed through the local HTTP API as the
 * coordinator and the ad network's visitors would: the campaign configured, the ad network's report
 * imported as CSV (one creative) and JSON (the other, with the reach), the CSV imported again,
 * every click a GET of the banner URL on its day under the runner's clock, plus requests that must
 * not count. The published figures must come out exactly.
 */
class CampaignReplayIT {
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120"
          + " Safari/537.36";
  private static final LocalDate START = LocalDate.of(2020, 4, 1);
  private static final LocalDate END = LocalDate.of(2020, 5, 19);
  private static final int DAYS = 49;
  private static final long IMPRESSIONS = 2_200_000;
  private static final long REACH = 220_000;
  private static final int CLICKS = 1_497;
  private static final String LANDING = "https://selfhelp.example/";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  @Test
  void theFlemish2020Campaign_replayedThroughTheApi_givesThePublishedFigures() throws Exception {
    Instant started = Instant.now();
    String coordinator = "Bearer " + token("coordinator");
    HttpResponse<String> configured =
        send(
            request("/v1/campaigns/spring20", coordinator)
                .header("content-type", "application/json")
                .PUT(
                    BodyPublishers.ofString(
                        """
                        {"name": "Voorjaarscampagne 2020", "start": "2020-04-01", "end": "2020-05-19",
                         "landingUrl": "%s",
                         "creatives": {"c1": "Kijk uit wat je kijkt!",
                                       "c2": "Dreig je een grens over te gaan?"}}\
                        """
                            .formatted(LANDING))));
    assertThat(configured.statusCode()).isEqualTo(200);

    // The ad network's report: 44,898 impressions a day (the last day the rest), 59% for c1.
    Map<LocalDate, long[]> report = new LinkedHashMap<>();
    long left = IMPRESSIONS;
    for (int d = 0; d < DAYS; d++) {
      long day = d == DAYS - 1 ? left : 44_898;
      long c1 = day * 59 / 100;
      report.put(START.plusDays(d), new long[] {c1, day - c1});
      left -= day;
    }
    StringBuilder csv = new StringBuilder("date,creative,impressions\r\n");
    StringBuilder json = new StringBuilder("{\"reach\": " + REACH + ", \"rows\": [");
    long c1Impressions = 0;
    for (Map.Entry<LocalDate, long[]> day : report.entrySet()) {
      csv.append(day.getKey()).append(",c1,").append(day.getValue()[0]).append("\r\n");
      json.append(c1Impressions == 0 ? "" : ",")
          .append("{\"date\": \"")
          .append(day.getKey())
          .append("\", \"creative\": \"c2\", \"impressions\": ")
          .append(day.getValue()[1])
          .append("}");
      c1Impressions += day.getValue()[0];
    }
    json.append("]}");
    long c2Impressions = IMPRESSIONS - c1Impressions;

    // A first CSV with a bad row is refused whole, naming the line and column.
    HttpResponse<String> refused =
        importReport(
            coordinator,
            "text/csv",
            "",
            "date,creative,impressions\n2020-04-01,c1,10\n2020-04-02,c1,ten\n");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(refused.body()).path("fields"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "[{\"field\": \"line 3, column impressions\","
                        + " \"code\": \"not_a_non_negative_integer\"}]"));

    JsonNode csvSummary = json(importReport(coordinator, "text/csv", "", csv.toString()), 200);
    JsonNode jsonSummary =
        json(importReport(coordinator, "application/json", "", json.toString()), 200);
    JsonNode csvAgain = json(importReport(coordinator, "text/csv", "", csv.toString()), 200);
    assertThat(csvSummary.path("rows").asInt()).isEqualTo(DAYS);
    assertThat(csvSummary.path("impressions").asLong()).isEqualTo(c1Impressions);
    assertThat(jsonSummary.path("impressions").asLong()).isEqualTo(c2Impressions);
    assertThat(jsonSummary.path("reach").asLong()).isEqualTo(REACH);
    assertThat(csvAgain.path("rows").asInt()).isEqualTo(DAYS);
    assertThat(csvAgain.path("impressions").asLong()).isEqualTo(c1Impressions);
    assertThat(csvAgain.path("reach").asLong()).as("the reach is kept").isEqualTo(REACH);

    // 1,497 clicks over the 49 days, three in five on c1; three tagged visits a day land.
    Map<String, Integer> clicksByCreative = new LinkedHashMap<>(Map.of("c1", 0, "c2", 0));
    int clicksSent = 0;
    int taggedVisits = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int d = 0; d < DAYS; d++) {
        setClock(START.plusDays(d));
        int today = CLICKS / DAYS + (d < CLICKS % DAYS ? 1 : 0);
        List<Future<HttpResponse<String>>> clicks = new ArrayList<>();
        for (int i = 0; i < today; i++) {
          String creative = (clicksSent + i) % 5 < 3 ? "c1" : "c2";
          clicksByCreative.merge(creative, 1, Integer::sum);
          HttpRequest click = click("spring20", creative).GET().build();
          clicks.add(pool.submit(() -> HTTP.send(click, BodyHandlers.ofString())));
        }
        for (int i = 0; i < 3; i++) {
          HttpRequest beacon = beacon("campaign", ", \"campaign\": \"spring20\"");
          clicks.add(pool.submit(() -> HTTP.send(beacon, BodyHandlers.ofString())));
        }
        for (Future<HttpResponse<String>> answer : clicks) {
          HttpResponse<String> response = answer.get();
          if (response.statusCode() == 302) {
            assertThat(response.headers().firstValue("location").orElseThrow())
                .startsWith(LANDING + "?utm_source=banner&utm_campaign=spring20&utm_content=c");
            clicksSent++;
          } else {
            assertThat(response.statusCode()).isEqualTo(204);
            taggedVisits++;
          }
        }
      }
    }
    // Two untagged self-help visits a day over the 28 days before and after the window.
    for (int d = 1; d <= 28; d++) {
      for (LocalDate day : List.of(START.minusDays(d), END.plusDays(d))) {
        setClock(day);
        for (int i = 0; i < 2; i++) {
          assertThat(send(beacon("direct", "")).statusCode()).isEqualTo(204);
        }
      }
    }

    // Requests that are redirected but never counted as clicks.
    setClock(START.plusDays(10));
    for (int i = 0; i < 2; i++) {
      assertThat(send(click("spring20", "c1").method("HEAD", BodyPublishers.noBody())).statusCode())
          .isEqualTo(302);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(send(click("spring20", "c2").header("sec-purpose", "prefetch").GET()).statusCode())
          .isEqualTo(302);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(
              send(click("spring20", "c1").setHeader("user-agent", "curl/8.5.0").GET())
                  .statusCode())
          .isEqualTo(302);
    }
    assertThat(send(click("spring20", "c9").GET()).statusCode()).isEqualTo(302);
    assertThat(send(click("autumn20", "c1").GET()).statusCode()).isEqualTo(302);
    for (LocalDate outside : List.of(START.minusDays(1), END.plusDays(1))) {
      setClock(outside);
      assertThat(send(click("spring20", "c1").GET()).statusCode()).isEqualTo(302);
    }

    setClock(END.plusDays(40));
    assertThat(
            send(HttpRequest.newBuilder(uri("/local/aggregate")).POST(BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
    String campaignsText = snapshot("campaigns.json");
    String funnelText = snapshot("funnel.json");
    Duration took = Duration.between(started, Instant.now());

    assertThat(SnapshotSchemas.errors("campaigns.schema.json", campaignsText)).isEmpty();
    assertThat(SnapshotSchemas.errors("funnel.schema.json", funnelText)).isEmpty();
    // Read with decimals as written (0.00068), not as doubles (6.8E-4), for the printout.
    JsonNode campaign = Json.mapper().readTree(campaignsText).path("campaigns").get(0);
    JsonNode printed =
        Json.mapper()
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .readTree(campaignsText)
            .path("campaigns")
            .get(0);
    System.out.printf(
        "Campaign replay: %d clicks and %d beacons in %d s; impressions %s, reach %s, frequency %s,"
            + " clicks %s, ctr %s, by creative %s, landing %s, uplift %s, excluded %s%n",
        clicksSent,
        taggedVisits + 112,
        took.toSeconds(),
        printed.path("impressions"),
        printed.path("reach"),
        printed.path("frequency"),
        printed.path("clicks"),
        printed.path("ctr"),
        printed.path("byCreative"),
        printed.path("landing"),
        printed.path("uplift"),
        printed.path("excluded"));

    assertThat(clicksSent).isEqualTo(CLICKS);
    assertThat(campaign.path("id").asText()).isEqualTo("spring20");
    assertThat(campaign.path("impressions").asLong()).isEqualTo(IMPRESSIONS);
    assertThat(campaign.path("reach").asLong()).isEqualTo(REACH);
    assertThat(campaignsText).contains("\"frequency\":10.0,").contains("\"ctr\":0.00068,");
    assertThat(campaign.path("clicks").asLong()).isEqualTo(CLICKS);
    assertThat(campaign.path("byCreative"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    """
                    [{"key": "c1", "label": "Kijk uit wat je kijkt!", "impressions": %d,
                      "clicks": %d, "ctr": %s},
                     {"key": "c2", "label": "Dreig je een grens over te gaan?", "impressions": %d,
                      "clicks": %d, "ctr": %s}]\
                    """
                        .formatted(
                            c1Impressions,
                            clicksByCreative.get("c1"),
                            ratio(clicksByCreative.get("c1"), c1Impressions),
                            c2Impressions,
                            clicksByCreative.get("c2"),
                            ratio(clicksByCreative.get("c2"), c2Impressions))));
    JsonNode daily = campaign.path("daily");
    assertThat(daily).hasSize(DAYS);
    for (int d = 0; d < DAYS; d++) {
      long[] day = report.get(START.plusDays(d));
      assertThat(daily.get(d).path("date").asText()).isEqualTo(START.plusDays(d).toString());
      assertThat(daily.get(d).path("impressions").asLong()).isEqualTo(day[0] + day[1]);
      assertThat(daily.get(d).path("clicks").asInt())
          .isEqualTo(CLICKS / DAYS + (d < CLICKS % DAYS ? 1 : 0));
    }
    assertThat(campaign.path("landing").path("taggedVisits").asLong()).isEqualTo(DAYS * 3);
    assertThat(campaign.path("landing").path("confirmationRate").decimalValue())
        .isEqualByComparingTo(ratio(DAYS * 3, CLICKS));
    JsonNode selfhelp = campaign.path("uplift").path("selfhelp");
    assertThat(selfhelp.path("before").decimalValue()).isEqualByComparingTo("2");
    assertThat(selfhelp.path("during").decimalValue()).isEqualByComparingTo("3");
    assertThat(selfhelp.path("after").decimalValue()).isEqualByComparingTo("2");
    assertThat(selfhelp.path("ratio").decimalValue())
        .as("a third of the window's visits above the baseline, to 3 significant digits")
        .isEqualByComparingTo("0.333");
    assertThat(selfhelp.path("multiplier").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(campaign.path("excluded"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"bot\": 4, \"head\": 2, \"landingNotAllowed\": 0, \"outsideWindow\": 2,"
                        + " \"prefetch\": 3, \"unknownCreative\": 1}"));
    assertThat(
            Json.mapper().readTree(campaignsText).path("excluded").path("unknownCampaign").asLong())
        .isEqualTo(1);

    // The run is before the window's months are released (SPEC 6.1): the contact stages are null
    // with the day the last of them is, May 2020 on 1 July, its outcomes on 29 September.
    assertThat(Json.mapper().readTree(funnelText).path("campaigns").get(0).path("stages"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    """
                    [{"stage": "impressions", "count": 2200000}, {"stage": "clicks", "count": 1497},
                     {"stage": "taggedVisits", "count": 147}, {"stage": "selfhelpVisits", "count": 147},
                     {"stage": "contacts", "count": null, "releaseOn": "2020-07-01"},
                     {"stage": "contactsViaBanner", "count": null, "releaseOn": "2020-07-01"},
                     {"stage": "referrals", "count": null, "releaseOn": "2020-07-01"},
                     {"stage": "arrivals", "count": null, "releaseOn": "2020-09-29"}]\
                    """));
  }

  /** A ratio as SPEC section 4 publishes it: 3 significant digits, half-even. */
  private static String ratio(long part, long whole) {
    return BigDecimal.valueOf(part)
        .divide(BigDecimal.valueOf(whole), new java.math.MathContext(3, RoundingMode.HALF_EVEN))
        .toPlainString();
  }

  private static HttpRequest.Builder click(String campaign, String creative) {
    return HttpRequest.newBuilder(uri("/c/" + campaign + "/" + creative))
        .header("user-agent", BROWSER);
  }

  private static HttpRequest beacon(String source, String campaignField) {
    return HttpRequest.newBuilder(uri("/v1/beacons"))
        .header("origin", "https://selfhelp.example")
        .header("content-type", "text/plain;charset=UTF-8")
        .header("user-agent", BROWSER)
        .POST(
            BodyPublishers.ofString(
                "{\"site\": \"selfhelp\", \"path\": \"/\", \"source\": \"%s\"%s, \"newVisit\": true}"
                    .formatted(source, campaignField)))
        .build();
  }

  private static HttpResponse<String> importReport(
      String authorization, String contentType, String query, String body) throws Exception {
    return send(
        request("/v1/campaigns/spring20/impressions" + query, authorization)
            .header("content-type", contentType)
            .PUT(BodyPublishers.ofString(body)));
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return Json.mapper().readTree(response.body());
  }

  private static String token(String group) throws Exception {
    return json(send(HttpRequest.newBuilder(uri("/local/token?group=" + group))), 200)
        .path("token")
        .asText();
  }

  private static HttpRequest.Builder request(String path, String authorization) {
    return HttpRequest.newBuilder(uri(path)).header("authorization", authorization);
  }

  private static void setClock(LocalDate day) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri("/local/clock"))
                .PUT(BodyPublishers.ofString("{\"now\": \"" + day + "T10:00:00Z\"}"))
                .header("content-type", "application/json"));
    assertThat(answer.statusCode()).isBetween(200, 204);
  }

  private static String snapshot(String name) throws Exception {
    HttpResponse<String> file = send(HttpRequest.newBuilder(uri("/snapshots/v1/latest/" + name)));
    assertThat(file.statusCode()).isEqualTo(200);
    return file.body();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return LOCAL.runner().baseUri().resolve(path);
  }
}
