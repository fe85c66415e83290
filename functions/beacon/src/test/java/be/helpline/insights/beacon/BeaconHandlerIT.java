package be.helpline.insights.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The beacon function as Lambda runs it, against the emulator over HTTP, with real-shaped events.
 */
class BeaconHandlerIT {
  private static final String SITES =
      """
      {"main": {"origin": "https://stopitnow.example", "mode": "returning"},
       "selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"}}\
      """;

  private static final String SECRET = "test-origin-secret-0123456789abcdef";

  private final Emulator emulator = Emulator.moto();
  private final TestContext context = new TestContext();
  private String table;
  private BeaconHandler handler;

  @BeforeEach
  void setUp() {
    table = emulator.newTable("counters");
    String campaigns = emulator.newCampaignsWithSpring20();
    handler =
        new BeaconHandler(
            emulator.env(
                Map.of(
                    "COUNTERS_TABLE",
                    table,
                    "CAMPAIGNS_TABLE",
                    campaigns,
                    "ORIGIN_SECRET",
                    SECRET,
                    "SITES",
                    SITES,
                    "COUNTER_SHARDS",
                    "4",
                    "RETENTION_DAYS",
                    "3650",
                    "REPORTING_TIME_ZONE",
                    "Europe/Brussels")),
            Clock.fixed(Instant.parse("2020-04-15T09:21:47Z"), ZoneOffset.UTC));
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, context);
  }

  private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items() {
    return emulator.dynamoDb().scan(scan -> scan.tableName(table)).items();
  }

  @Test
  void beacon_json_isCountedAndAnswered204WithoutCookie() throws Exception {
    JsonNode response = invoke(Events.load("beacon-post.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(204);
    assertThat(response.path("headers").has("set-cookie")).isFalse();
    assertThat(response.has("cookies")).isFalse();
    assertThat(items()).hasSize(1);
    // 09:21 UTC on 15 April is 11:21 in Brussels.
    assertThat(items().getFirst().get("n:pageviews.h11").n()).isEqualTo("1");
    assertThat(items().getFirst().get("date").s()).isEqualTo("2020-04-15");
  }

  @Test
  void beacon_campaignTaggedVisit_alsoCountsALandingVisitForTheCampaign() throws Exception {
    JsonNode response = invoke(Events.load("beacon-post-returning.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(204);
    var landing =
        items().stream().filter(item -> item.get("family").s().equals("landing")).toList();
    assertThat(landing).hasSize(1);
    assertThat(landing.getFirst().get("subject").s()).isEqualTo("spring20");
    assertThat(landing.getFirst().get("n:visits.selfhelp").n()).isEqualTo("1");
    assertThat(landing.getFirst().get("expiresAt").n()).isNotBlank();
  }

  @Test
  void beacon_taggedWithAnUnknownCampaign_countsTheVisitUntaggedAndKeepsNoKeyOfIt()
      throws Exception {
    ObjectNode event = Events.load("beacon-post-returning.json");
    event.put("body", event.path("body").asText().replace("spring20", "mail-4711"));

    JsonNode response = invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(204);
    assertThat(items()).hasSize(1);
    assertThat(items().getFirst().get("family").s()).isEqualTo("traffic");
    assertThat(items().getFirst().get("n:excluded.unknownCampaign").n()).isEqualTo("1");
    assertThat(items().toString()).doesNotContain("4711");
  }

  @Test
  void beacon_throughTheDistribution_isPlacedWhereCloudFrontSays() throws Exception {
    ObjectNode event = Events.load("beacon-post.json");
    ((ObjectNode) event.path("headers")).put("x-origin-verify", SECRET);

    invoke(event);

    assertThat(items().getFirst()).containsKey("n:pageviews.geo.BE-VLG");
  }

  @Test
  void beacon_withForgedViewerCountryAndNoOriginSecret_isUnknown() throws Exception {
    // Straight to the API with CloudFront's headers made up: no secret, so they count for nothing.
    ObjectNode forged = Events.load("beacon-post.json");
    ObjectNode wrongSecret = Events.load("beacon-post.json");
    ((ObjectNode) wrongSecret.path("headers")).put("x-origin-verify", SECRET + "x");

    invoke(forged);
    invoke(wrongSecret);

    // Two beacons, on one shard or two: summed over the items.
    assertThat(
            items().stream()
                .mapToLong(item -> Long.parseLong(item.get("n:pageviews.geo.UNKNOWN").n()))
                .sum())
        .isEqualTo(2);
    assertThat(items())
        .allSatisfy(item -> assertThat(item).doesNotContainKey("n:pageviews.geo.BE-VLG"));
  }

  @Test
  void beacon_textPlainAsSendBeaconSendsIt_isCounted() throws Exception {
    assertThat(invoke(Events.load("beacon-post-text-plain.json")).path("statusCode").asInt())
        .isEqualTo(204);
    assertThat(items()).hasSize(1);
  }

  @Test
  void beacon_fromAnotherOrigin_is403AndOnlyCountedAsExcluded() throws Exception {
    ObjectNode event = Events.load("beacon-post.json");
    ((ObjectNode) event.path("headers")).put("origin", "https://stopitnow.example");

    JsonNode response = invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(403);
    assertThat(Json.mapper().readTree(response.path("body").asText()).path("error").asText())
        .isEqualTo("forbidden");
    assertThat(items()).hasSize(1);
    assertThat(items().getFirst())
        .containsKey("n:excluded.wrongOrigin")
        .doesNotContainKey("n:pageviews.h11");
  }

  @Test
  void beacon_withUnknownField_is400NamingIt() throws Exception {
    ObjectNode event = Events.load("beacon-post.json");
    event.put(
        "body",
        "{\"site\":\"selfhelp\",\"path\":\"/\",\"source\":\"direct\",\"newVisit\":true,\"ip\":\"203.0.113.42\"}");

    JsonNode response = invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = Json.mapper().readTree(response.path("body").asText());
    assertThat(body.path("fields").get(0).path("field").asText()).isEqualTo("ip");
  }

  @Test
  void beacon_storesAndLogsNothingThatIdentifiesTheVisitor() throws Exception {
    ObjectNode event = Events.load("beacon-post.json");
    invoke(event);
    ObjectNode bad = Events.load("beacon-post.json");
    ((ObjectNode) bad.path("headers")).put("origin", "https://evil.example");
    invoke(bad);

    String stored = items().toString();
    String logs = String.join("\n", context.logLines());
    List<String> identifying =
        List.of(
            event.path("requestContext").path("http").path("sourceIp").asText(),
            "203.0.113.42",
            event.path("headers").path("user-agent").asText(),
            "HelplineInsightsTestAgent",
            "TEST-COOKIE-VISITOR-0001",
            event.path("headers").path("referer").asText(),
            "/module/3");
    for (String value : identifying) {
      assertThat(stored).doesNotContain(value);
      assertThat(logs).doesNotContain(value);
    }
  }
}
