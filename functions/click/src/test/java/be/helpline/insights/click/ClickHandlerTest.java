package be.helpline.insights.click;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignCache;
import be.helpline.insights.core.campaign.ClickRedirect;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryCounterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The redirect handler with fakes: no request can choose where the visitor goes. */
class ClickHandlerTest {
  private static final String DEFAULT = "https://stopitnow.example/";
  private static final String SPRING_C1 =
      "https://selfhelp.example/start?lang=nl&utm_source=banner&utm_campaign=spring20&utm_content=c1";
  private static final String SUMMER_B_2 =
      "https://stopitnow.example/zomer?utm_source=banner&utm_campaign=summer_20&utm_content=b-2";

  private final InMemoryCampaignStore campaigns =
      new InMemoryCampaignStore()
          .with(
              new Campaign(
                  "spring20",
                  "Voorjaar",
                  LocalDate.parse("2020-04-01"),
                  LocalDate.parse("2020-05-19"),
                  "https://selfhelp.example/start?lang=nl",
                  new LinkedHashMap<>(Map.of("c1", "Kijk uit wat je kijkt!", "c2", "Dreig je"))))
          .with(
              new Campaign(
                  "summer_20",
                  "Zomer",
                  LocalDate.parse("2020-04-10"),
                  LocalDate.parse("2020-08-31"),
                  "https://stopitnow.example/zomer",
                  Map.of("b-2", "Zomer")));
  private final InMemoryCounterStore counters = new InMemoryCounterStore();
  private final TestContext context = new TestContext();
  private final Clock clock = Clock.fixed(Instant.parse("2020-04-15T09:21:47Z"), ZoneOffset.UTC);
  private final ClickHandler handler =
      new ClickHandler(
          new ClickRedirect(
              new CampaignCache(campaigns, clock, Duration.ofSeconds(60)),
              counters,
              LandingHosts.fromConfig("stopitnow.example,selfhelp.example"),
              DEFAULT,
              clock,
              ZoneId.of("Europe/Brussels")),
          clock);

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, context);
  }

  private static Consumer<ObjectNode> ids(String campaignId, String creativeId) {
    return event -> {
      ObjectNode path = (ObjectNode) event.path("pathParameters");
      path.put("campaignId", campaignId);
      path.put("creativeId", creativeId);
      event.put("rawPath", "/c/" + campaignId + "/" + creativeId);
    };
  }

  private static Consumer<ObjectNode> header(String name, String value) {
    return event -> ((ObjectNode) event.path("headers")).put(name, value);
  }

  private static Consumer<ObjectNode> query(String name, String value) {
    return event -> {
      ((ObjectNode) event.path("queryStringParameters")).put(name, value);
      event.put("rawQueryString", name + "=" + value);
    };
  }

  private static Arguments attempt(String name, Consumer<ObjectNode> change, String location) {
    return Arguments.of(name, change, location);
  }

  static Stream<Arguments> openRedirectAttempts() {
    String evil = "https://evil.example/";
    return Stream.of(
        attempt("encoded slash", ids("spring20%2Fevil.example", "c1"), DEFAULT),
        attempt("lower-case encoded slash", ids("spring20%2fevil.example", "c1"), DEFAULT),
        attempt("encoded slash in creative", ids("spring20", "c1%2F..%2Fevil.example"), DEFAULT),
        attempt("double encoding", ids("spring20%252Fevil.example", "c1"), DEFAULT),
        attempt("double-encoded creative", ids("spring20", "c1%252F%252Fevil.example"), DEFAULT),
        attempt("decoded slash", ids("spring20/evil.example", "c1"), DEFAULT),
        attempt("backslash", ids("spring20\\evil.example", "c1"), DEFAULT),
        attempt("double backslash", ids("\\\\evil.example", "c1"), DEFAULT),
        attempt("protocol-relative", ids("//evil.example", "c1"), DEFAULT),
        attempt("protocol-relative creative", ids("spring20", "//evil.example"), DEFAULT),
        attempt("scheme without slashes", ids("https:evil.example", "c1"), DEFAULT),
        attempt("absolute URL", ids(evil, "c1"), DEFAULT),
        attempt("absolute URL as creative", ids("spring20", evil), DEFAULT),
        attempt("slash backslash", ids("/\\evil.example", "c1"), DEFAULT),
        attempt("fullwidth solidus", ids("spring20\uFF0Fevil.example", "c1"), DEFAULT),
        attempt("division slash", ids("spring20\u2215evil.example", "c1"), DEFAULT),
        attempt("fullwidth digit", ids("spring2\uFF10", "c1"), DEFAULT),
        attempt("cyrillic look-alike", ids("\u0455pring20", "c1"), DEFAULT),
        attempt("encoded CRLF", ids("spring20%0d%0aLocation:%20" + evil, "c1"), DEFAULT),
        attempt("raw CRLF", ids("spring20\r\nLocation: " + evil, "c1"), DEFAULT),
        attempt("CRLF in creative", ids("spring20", "c1\r\nSet-Cookie: a=b"), DEFAULT),
        attempt("encoded null byte", ids("spring20%00", "c1"), DEFAULT),
        attempt("raw null byte", ids("spring20\u0000", "c1"), DEFAULT),
        attempt("null byte in creative", ids("spring20", "c1\u0000evil"), DEFAULT),
        attempt("overlong campaign", ids("s".repeat(10_000), "c1"), DEFAULT),
        attempt("overlong creative", ids("spring20", "c".repeat(10_000)), DEFAULT),
        attempt("65-character campaign", ids("a".repeat(65), "c1"), DEFAULT),
        attempt("dot-dot campaign", ids("..", "c1"), DEFAULT),
        attempt("dot-dot creative", ids("spring20", ".."), DEFAULT),
        attempt("traversal", ids("spring20/../../evil.example", "c1"), DEFAULT),
        attempt("at sign", ids("@evil.example", "c1"), DEFAULT),
        attempt("user info", ids("spring20@evil.example", "c1"), DEFAULT),
        attempt("user info in creative", ids("spring20", "c1@evil.example"), DEFAULT),
        attempt("query in id", ids("spring20?url=" + evil, "c1"), DEFAULT),
        attempt("query in creative", ids("spring20", "c1?next=//evil.example"), DEFAULT),
        attempt("fragment in creative", ids("spring20", "c1#//evil.example"), DEFAULT),
        attempt("semicolon", ids("spring20;evil.example", "c1"), DEFAULT),
        attempt("javascript", ids("javascript:alert(1)", "c1"), DEFAULT),
        attempt("percent-encoded letter", ids("%73pring20", "c1"), DEFAULT),
        attempt("trailing space", ids("spring20 ", "c1"), DEFAULT),
        attempt("trailing tab", ids("spring20\t", "c1"), DEFAULT),
        attempt("trailing dot", ids("spring20.", "c1"), DEFAULT),
        attempt("unknown campaign", ids("autumn20", "c1"), DEFAULT),
        attempt("unknown creative", ids("spring20", "c9"), DEFAULT),
        attempt("creative of another campaign", ids("spring20", "b-2"), DEFAULT),
        attempt("empty campaign", ids("", "c1"), DEFAULT),
        attempt("empty creative", ids("spring20", ""), DEFAULT),
        attempt("both empty", ids("", ""), DEFAULT),
        attempt("no path parameters", event -> event.remove("pathParameters"), DEFAULT),
        attempt("campaign in upper case", ids("SPRING20", "c1"), DEFAULT),
        attempt("creative in upper case", ids("spring20", "C1"), DEFAULT),
        attempt("url= in the query", query("url", evil), SPRING_C1),
        attempt("redirect= in the query", query("redirect", evil), SPRING_C1),
        attempt("next= in the query", query("next", "//evil.example"), SPRING_C1),
        attempt("utm_campaign= in the query", query("utm_campaign", "evil"), SPRING_C1),
        attempt("host header", header("host", "evil.example"), SPRING_C1),
        attempt("x-forwarded-host", header("x-forwarded-host", "evil.example"), SPRING_C1),
        attempt("forwarded", header("forwarded", "host=evil.example;proto=https"), SPRING_C1),
        attempt("referer", header("referer", evil), SPRING_C1),
        attempt("x-original-url", header("x-original-url", evil), SPRING_C1),
        attempt(
            "body with a URL", event -> event.put("body", "{\"url\":\"" + evil + "\"}"), SPRING_C1),
        attempt(
            "raw path elsewhere",
            event -> event.put("rawPath", "/c/..%2f..%2fevil.example/c1"),
            SPRING_C1),
        attempt("the other campaign", ids("summer_20", "b-2"), SUMMER_B_2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openRedirectAttempts")
  void redirect_neverLeavesTheConfiguredUrls(
      String name, Consumer<ObjectNode> change, String location) throws Exception {
    ObjectNode event = Events.load("click-get.json");
    change.accept(event);

    JsonNode response = invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(302);
    assertThat(response.path("headers").path("location").asText()).isEqualTo(location);
  }

  @Test
  void openRedirectTable_hasAtLeastFortyAttempts() {
    assertThat(openRedirectAttempts().count()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void click_isA302WithNoStoreNoReferrerAndNoCookie() throws Exception {
    JsonNode response = invoke(Events.load("click-get.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(302);
    JsonNode headers = response.path("headers");
    assertThat(headers.path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(headers.path("cache-control").asText()).isEqualTo("no-store");
    assertThat(headers.path("referrer-policy").asText()).isEqualTo("no-referrer");
    assertThat(headers.has("set-cookie")).isFalse();
    assertThat(response.has("cookies")).isFalse();
    assertThat(counters.readFamily("clicks"))
        .singleElement()
        .extracting(DailyCounts::counts)
        .isEqualTo(Map.of("clicks.h11", 1L, "clicks.creative.c1", 1L));
  }

  @Test
  void head_sameRedirectCountedOnlyAsExcluded() throws Exception {
    JsonNode response = invoke(Events.load("click-head.json"));

    assertThat(response.path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(counters.readFamily("clicks"))
        .singleElement()
        .extracting(DailyCounts::counts)
        .isEqualTo(Map.of("excluded.head", 1L));
  }

  @Test
  void prefetchAndBot_sameRedirectCountedOnlyAsExcluded() throws Exception {
    ObjectNode prefetch = Events.load("click-get.json");
    header("sec-purpose", "prefetch;prerender").accept(prefetch);
    ObjectNode bot = Events.load("click-get.json");
    header("user-agent", "curl/8.5.0").accept(bot);

    assertThat(invoke(prefetch).path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(invoke(bot).path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(counters.readFamily("clicks"))
        .singleElement()
        .extracting(DailyCounts::counts)
        .isEqualTo(Map.of("excluded.prefetch", 1L, "excluded.bot", 1L));
  }

  @Test
  void storageDown_stillRedirectsLogsTheLossOnceAndWritesTheMetric() throws Exception {
    campaigns.goDown(true);

    JsonNode response = invoke(Events.load("click-get.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(302);
    assertThat(response.path("headers").path("location").asText()).isEqualTo(DEFAULT);
    assertThat(context.logLines()).hasSize(2);
    assertThat(context.logLines().getFirst()).startsWith("WARN ").contains("click_count_lost");
    JsonNode metric = Json.mapper().readTree(context.logLines().get(1));
    assertThat(metric.path("ClickCountLost").asInt()).isEqualTo(1);
    assertThat(metric.path("Function").asText()).isEqualTo("click");
    assertThat(metric.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.millis());
    JsonNode definition = metric.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(definition.path("Namespace").asText()).isEqualTo("HelplineInsights");
    assertThat(definition.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(definition.path("Metrics").toString())
        .isEqualTo("[{\"Name\":\"ClickCountLost\",\"Unit\":\"Count\"}]");
  }

  @Test
  void countersDown_stillRedirectsToTheCampaign() throws Exception {
    counters.goDown(true);

    JsonNode response = invoke(Events.load("click-get.json"));

    assertThat(response.path("headers").path("location").asText()).isEqualTo(SPRING_C1);
    assertThat(String.join("\n", context.logLines())).contains("\"ClickCountLost\":1");
  }
}
