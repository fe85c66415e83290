package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registration routes through the handler's composition root against moto, with the events of
 * {@code events/}: exactly once under concurrent retries, amendments, voiding, outcomes, and SPEC
 * privacy rules 1, 6 and 7 on what is stored and logged.
 */
class RegistrationRoutesIT {
  private static final String ID = "3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13";

  private final Emulator emulator = Emulator.moto();
  private final ExecutorService pool = Executors.newFixedThreadPool(20);
  private final TestContext context = new TestContext();
  private String registrations;
  private String key;
  private RegistrationHandler handler;

  @BeforeEach
  void setUp() {
    registrations = emulator.newTable("registrations");
    key = emulator.newKey();
    handler = handlerAt("2020-04-16T10:00:00Z");
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private RegistrationHandler handlerAt(String instant) {
    return handlerAt(instant, Map.of());
  }

  private RegistrationHandler handlerAt(String instant, Map<String, String> more) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CAMPAIGNS_TABLE", "unused",
                "REGISTRATIONS_TABLE", registrations,
                "LANDING_HOSTS", "stopitnow.example",
                "PROGRAMME_START", "2018-12-01",
                "REPORTING_TIME_ZONE", "Europe/Brussels",
                "RETENTION_DAYS", "3650",
                "REFERRAL_CODE_KEY", key));
    env.putAll(more);
    return new RegistrationHandler(
        emulator.env(env), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  private JsonNode invoke(RegistrationHandler target, JsonNode event) throws Exception {
    return Events.invoke(target, event, context);
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    return invoke(handler, event);
  }

  private static JsonNode body(JsonNode response) throws Exception {
    return Json.mapper().readTree(response.path("body").asText());
  }

  private List<Map<String, AttributeValue>> items() {
    return emulator.dynamoDb().scan(scan -> scan.tableName(registrations)).items();
  }

  @Test
  void post_twentyConcurrentIdenticalRetries_storeOnceAndAnswerAlike() throws Exception {
    List<Callable<JsonNode>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(() -> invoke(Events.load("registration-post.json")));
    }

    List<JsonNode> responses = new ArrayList<>();
    for (Future<JsonNode> response : pool.invokeAll(posts)) {
      responses.add(response.get());
    }

    assertThat(responses.stream().map(r -> r.path("statusCode").asInt()))
        .containsOnly(200, 201)
        .filteredOn(status -> status == 201)
        .hasSize(1);
    assertThat(responses.stream().map(r -> r.path("body").asText()).distinct()).hasSize(1);
    JsonNode answer = body(responses.getFirst());
    assertThat(answer.path("id").asText()).isEqualTo(ID);
    assertThat(answer.path("version").asInt()).isEqualTo(1);
    assertThat(items()).hasSize(2);
  }

  @Test
  void post_sameIdOtherBody_is409() throws Exception {
    invoke(Events.load("registration-post.json"));
    ObjectNode other = Events.load("registration-post.json");
    other.put(
        "body", other.path("body").asText().replace("\"risk\":\"CONCERN\"", "\"risk\":\"NONE\""));

    JsonNode response = invoke(other);

    assertThat(response.path("statusCode").asInt()).isEqualTo(409);
    assertThat(body(response).path("error").asText()).isEqualTo("idempotency_conflict");
  }

  @Test
  void put_amends_staleIs412_afterTheWindowIs409() throws Exception {
    invoke(Events.load("registration-post.json"));

    JsonNode amended = invoke(Events.load("registration-put.json"));
    JsonNode stale = invoke(Events.load("registration-put.json"));
    ObjectNode late = Events.load("registration-put.json");
    ((ObjectNode) late.path("headers")).put("if-match", "\"2\"");
    JsonNode closed = invoke(handlerAt("2020-05-16T10:00:00Z"), late);

    assertThat(amended.path("statusCode").asInt()).isEqualTo(200);
    assertThat(amended.path("headers").path("etag").asText()).isEqualTo("\"2\"");
    assertThat(stale.path("statusCode").asInt()).isEqualTo(412);
    assertThat(closed.path("statusCode").asInt()).isEqualTo(409);
    assertThat(body(closed).path("error").asText()).isEqualTo("amendment_window_closed");
    JsonNode read = invoke(Events.load("registration-get.json"));
    assertThat(read.path("headers").path("etag").asText()).isEqualTo("\"2\"");
    assertThat(body(read).path("registration").path("risk").asText()).isEqualTo("CONSULTED");
  }

  @Test
  void delete_voids_andTheCodeStopsWorking() throws Exception {
    String code = body(invoke(Events.load("registration-post.json"))).path("referralCode").asText();
    ObjectNode outcome = Events.load("referral-outcome-put.json");
    ((ObjectNode) outcome.path("pathParameters")).put("code", code);

    assertThat(invoke(outcome).path("statusCode").asInt()).isEqualTo(204);
    assertThat(invoke(outcome).path("statusCode").asInt()).isEqualTo(204);
    assertThat(invoke(Events.load("registration-delete.json")).path("statusCode").asInt())
        .isEqualTo(204);
    assertThat(invoke(outcome).path("statusCode").asInt()).isEqualTo(404);
    assertThat(invoke(Events.load("registration-get.json")).path("statusCode").asInt())
        .isEqualTo(404);
    assertThat(invoke(Events.load("referral-outcome-put.json")).path("statusCode").asInt())
        .isEqualTo(404);
  }

  // April 2020 (the events' contact month): counts released on 2020-05-31 (30 April + the
  // default 30 days + 1), referral outcomes on 2020-08-29 (30 April + 90 + 30 + 1).
  private static final String APRIL_RELEASED =
      "contacts of 2020-04 were released on 2020-05-31 and can no longer change";

  private static void assertPeriodReleased(JsonNode response, String message) throws Exception {
    assertThat(response.path("statusCode").asInt()).isEqualTo(409);
    assertThat(body(response))
        .isEqualTo(
            Json.mapper()
                .createObjectNode()
                .put("error", "period_released")
                .put("message", message));
  }

  private ObjectNode outcome(String code, String outcome) {
    ObjectNode event = Events.load("referral-outcome-put.json");
    ((ObjectNode) event.path("pathParameters")).put("code", code);
    event.put("body", "{\"outcome\":\"" + outcome + "\"}");
    return event;
  }

  @Test
  void post_inAReleasedMonth_is409PeriodReleased_andStoresNothing() throws Exception {
    JsonNode response =
        invoke(handlerAt("2020-05-31T10:00:00Z"), Events.load("registration-post.json"));

    assertPeriodReleased(response, APRIL_RELEASED);
    assertThat(items()).isEmpty();
  }

  @Test
  void post_retryAfterRelease_getsTheFirstAnswer_otherContentStaysAConflict() throws Exception {
    JsonNode first = invoke(Events.load("registration-post.json"));
    RegistrationHandler afterRelease = handlerAt("2020-06-01T10:00:00Z");

    JsonNode retry = invoke(afterRelease, Events.load("registration-post.json"));
    ObjectNode other = Events.load("registration-post.json");
    other.put(
        "body", other.path("body").asText().replace("\"risk\":\"CONCERN\"", "\"risk\":\"NONE\""));
    JsonNode conflict = invoke(afterRelease, other);

    assertThat(retry.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(retry)).isEqualTo(body(first));
    assertThat(conflict.path("statusCode").asInt()).isEqualTo(409);
    assertThat(body(conflict).path("error").asText()).isEqualTo("idempotency_conflict");
  }

  @Test
  void putAndDelete_inAReleasedMonth_are409PeriodReleased_andChangeNothing() throws Exception {
    invoke(Events.load("registration-post.json"));
    RegistrationHandler afterRelease = handlerAt("2020-05-31T10:00:00Z");

    assertPeriodReleased(
        invoke(afterRelease, Events.load("registration-put.json")), APRIL_RELEASED);
    assertPeriodReleased(
        invoke(afterRelease, Events.load("registration-delete.json")), APRIL_RELEASED);

    JsonNode read = invoke(afterRelease, Events.load("registration-get.json"));
    assertThat(read.path("statusCode").asInt()).isEqualTo(200);
    assertThat(read.path("headers").path("etag").asText()).isEqualTo("\"1\"");
    assertThat(body(read).path("registration").path("risk").asText()).isEqualTo("CONCERN");
  }

  @Test
  void put_movingIntoAReleasedMonth_is409PeriodReleased() throws Exception {
    // On 2020-05-10 March is released (2020-05-01) and April is open.
    RegistrationHandler may = handlerAt("2020-05-10T10:00:00Z");
    invoke(may, Events.load("registration-post.json"));
    ObjectNode toMarch = Events.load("registration-put.json");
    toMarch.put("body", toMarch.path("body").asText().replace("2020-04-15", "2020-03-31"));

    assertPeriodReleased(
        invoke(may, toMarch),
        "contacts of 2020-03 were released on 2020-05-01 and can no longer change");
  }

  @Test
  void outcome_afterItsMonthsOutcomeRelease_is409_exceptTheAnswerAlreadyStored() throws Exception {
    String code = body(invoke(Events.load("registration-post.json"))).path("referralCode").asText();
    assertThat(invoke(outcome(code, "ARRIVED")).path("statusCode").asInt()).isEqualTo(204);
    RegistrationHandler late = handlerAt("2020-08-29T10:00:00Z");

    JsonNode changed = invoke(late, outcome(code, "NOT_ARRIVED"));
    JsonNode same = invoke(late, outcome(code, "ARRIVED"));

    assertPeriodReleased(
        changed,
        "referral outcomes of 2020-04 were released on 2020-08-29 and can no longer change");
    assertThat(same.path("statusCode").asInt()).isEqualTo(204);
    assertThat(referralItem().get("outcome").s()).isEqualTo("ARRIVED");
  }

  @Test
  void outcome_releaseDateFollowsReferralOutcomeDays() throws Exception {
    String code = body(invoke(Events.load("registration-post.json"))).path("referralCode").asText();
    // With REFERRAL_OUTCOME_DAYS 10, April's outcomes are released on 2020-06-10.
    Map<String, String> tenDays = Map.of("REFERRAL_OUTCOME_DAYS", "10");

    JsonNode onTime = invoke(handlerAt("2020-06-09T10:00:00Z", tenDays), outcome(code, "ARRIVED"));
    JsonNode late =
        invoke(handlerAt("2020-06-10T10:00:00Z", tenDays), outcome(code, "NOT_ARRIVED"));

    assertThat(onTime.path("statusCode").asInt()).isEqualTo(204);
    assertPeriodReleased(
        late, "referral outcomes of 2020-04 were released on 2020-06-10 and can no longer change");
  }

  private Map<String, AttributeValue> referralItem() {
    return items().stream()
        .filter(item -> item.get("pk").s().startsWith("referral#"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void referralItem_carriesTheContactMonth_andNoContactDay() throws Exception {
    String code = body(invoke(Events.load("registration-post.json"))).path("referralCode").asText();
    invoke(outcome(code, "ARRIVED"));

    Map<String, AttributeValue> referral = referralItem();

    assertThat(referral.keySet())
        .containsExactlyInAnyOrder("pk", "sk", "month", "outcome", "expiresAt");
    assertThat(referral.get("month").s()).isEqualTo("2020-04");
    long dayExpiry =
        LocalDate.parse("2020-04-15").plusDays(3650).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    long monthExpiry =
        LocalDate.parse("2020-04-30").plusDays(3650).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    assertThat(referral.get("expiresAt").n()).isEqualTo(Long.toString(monthExpiry));
    assertThat(referral.toString()).doesNotContain("2020-04-15", Long.toString(dayExpiry));
  }

  @Test
  void storedItemsAndLogLines_holdNoRequestDataStaffIdentityOrFreeText() throws Exception {
    ObjectNode withFreeText = Events.load("registration-post.json");
    withFreeText.put(
        "body",
        withFreeText
            .path("body")
            .asText()
            .replace(
                "\"firstContact\":\"YES\"}",
                "\"firstContact\":\"YES\",\"notes\":\"Jan Peeters belde\"}"));
    assertThat(invoke(withFreeText).path("statusCode").asInt()).isEqualTo(400);
    ObjectNode badCode = Events.load("registration-post.json");
    badCode.put("body", badCode.path("body").asText().replace("\"MALE\"", "\"Jan Peeters\""));
    assertThat(invoke(badCode).path("statusCode").asInt()).isEqualTo(400);
    assertThat(invoke(Events.load("registration-post.json")).path("statusCode").asInt())
        .isEqualTo(201);
    assertThat(invoke(Events.load("registration-put.json")).path("statusCode").asInt())
        .isEqualTo(200);
    // A failure is logged (once, as a 5xx): that line must not carry the request either.
    String table = registrations;
    registrations = "missing-" + table;
    JsonNode failed =
        invoke(handlerAt("2020-04-16T10:00:00Z"), Events.load("registration-post.json"));
    registrations = table;
    assertThat(failed.path("statusCode").asInt()).isEqualTo(503);
    assertThat(context.logLines()).isNotEmpty();

    JsonNode event = Events.load("registration-post.json");
    JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
    List<String> forbidden =
        List.of(
            "203.0.113.77",
            "HelplineInsightsTestAgent",
            "Mozilla",
            event.path("headers").path("authorization").asText().substring(7),
            claims.path("sub").asText(),
            claims.path("username").asText(),
            claims.path("jti").asText(),
            claims.path("client_id").asText(),
            "responder",
            "staff.stopitnow.example",
            event.path("requestContext").path("requestId").asText(),
            "Root=1-",
            "Jan Peeters",
            "notes");
    String stored = items().toString();
    String logs = String.join("\n", context.logLines());
    assertThat(stored).contains("CGG", "2020-04-15");
    for (String value : forbidden) {
      assertThat(stored).as("stored items").doesNotContain(value);
      assertThat(logs).as("log lines").doesNotContain(value);
    }
  }
}
