package be.helpline.insights.click;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The click function as Lambda runs it, against the emulator over HTTP, with real events. */
class ClickHandlerIT {
  private static final String SPRING_C1 =
      "https://stopitnow.example/?utm_source=banner&utm_campaign=spring20&utm_content=c1";

  private final Emulator emulator = Emulator.moto();
  private final TestContext context = new TestContext();
  private String counters;
  private ClickHandler handler;

  @BeforeEach
  void setUp() {
    counters = emulator.newTable("counters");
    String campaigns = emulator.newCampaignsWithSpring20();
    handler =
        new ClickHandler(
            emulator.env(
                Map.of(
                    "COUNTERS_TABLE", counters,
                    "CAMPAIGNS_TABLE", campaigns,
                    "LANDING_HOSTS", "stopitnow.example,selfhelp.example",
                    "DEFAULT_LANDING_URL", "https://stopitnow.example/hulp",
                    "COUNTER_SHARDS", "4",
                    "RETENTION_DAYS", "3650",
                    "REPORTING_TIME_ZONE", "Europe/Brussels")),
            Clock.fixed(Instant.parse("2020-04-15T08:47:19Z"), ZoneOffset.UTC));
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, context);
  }

  private Map<String, AttributeValue> onlyItem() {
    List<Map<String, AttributeValue>> items =
        emulator.dynamoDb().scan(scan -> scan.tableName(counters)).items();
    assertThat(items).hasSize(1);
    return items.getFirst();
  }

  @Test
  void get_redirectsToTheCampaignAndCountsTheClick() throws Exception {
    JsonNode response = invoke(Events.load("click-get.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(302);
    assertThat(response.path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(response.path("headers").has("set-cookie")).isFalse();
    Map<String, AttributeValue> item = onlyItem();
    // 08:47 UTC on 15 April is 10:47 in Brussels.
    assertThat(item.get("n:clicks.h10").n()).isEqualTo("1");
    assertThat(item.get("n:clicks.creative.c1").n()).isEqualTo("1");
    assertThat(item.get("subject").s()).isEqualTo("spring20");
    assertThat(item.get("date").s()).isEqualTo("2020-04-15");
  }

  @Test
  void head_redirectsTheSameWayAndCountsOnlyTheExclusion() throws Exception {
    JsonNode response = invoke(Events.load("click-head.json"));

    assertThat(response.path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(onlyItem())
        .containsKey("n:excluded.head")
        .doesNotContainKey("n:clicks.h10")
        .doesNotContainKey("n:clicks.creative.c1");
  }

  @Test
  void unknownCampaign_goesToTheDefaultLandingUnattributed() throws Exception {
    ObjectNode event = Events.load("click-get.json");
    ((ObjectNode) event.path("pathParameters")).put("campaignId", "autumn20");

    JsonNode response = invoke(event);

    assertThat(response.path("headers").path("location").asText())
        .isEqualTo("https://stopitnow.example/hulp");
    assertThat(onlyItem().get("subject").s()).isEqualTo("*");
    assertThat(onlyItem()).containsKey("n:excluded.unknownCampaign");
  }

  @Test
  void click_storesAndLogsNothingThatIdentifiesTheVisitor() throws Exception {
    ObjectNode event = Events.load("click-get.json");
    invoke(event);
    invoke(Events.load("click-head.json"));

    String stored = emulator.dynamoDb().scan(scan -> scan.tableName(counters)).items().toString();
    String logs = String.join("\n", context.logLines());
    for (String value :
        List.of(
            "203.0.113.42",
            "203.0.113.200",
            "HelplineInsightsTestAgent",
            "TEST-COOKIE-VISITOR-0001",
            "TEST-CLICK-0001",
            "attacker.example",
            "publisher.example")) {
      assertThat(stored).doesNotContain(value);
      assertThat(logs).doesNotContain(value);
    }
  }
}
