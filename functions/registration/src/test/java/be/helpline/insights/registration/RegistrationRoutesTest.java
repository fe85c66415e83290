package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.registration.ReferralCode;
import be.helpline.insights.core.registration.RegistrationStore;
import be.helpline.insights.core.registration.Registrations;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryRegistrationStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The registration routes with an in-memory store: groups, answers, headers. */
class RegistrationRoutesTest {
  static final Instant NOW = Instant.parse("2020-04-16T10:00:00Z");

  private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
  private final RegistrationHandler handler =
      new RegistrationHandler(
          new InMemoryCampaignStore(), LandingHosts.fromConfig("x.example"), routes(store), null);

  static RegistrationRoutes routes(RegistrationStore store) {
    return new RegistrationRoutes(
        new Registrations(
            store,
            Vocabulary.standard(),
            new ReferralCode(new SecureRandom()),
            Clock.fixed(NOW, ZoneOffset.UTC),
            ZoneId.of("Europe/Brussels"),
            LocalDate.parse("2018-12-01"),
            new ReleaseCalendar(30, 90)),
        Vocabulary.standard());
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, new TestContext());
  }

  private static JsonNode body(JsonNode response) throws Exception {
    return Json.mapper().readTree(response.path("body").asText());
  }

  static ObjectNode as(String event, String groups) {
    ObjectNode loaded = Events.load(event);
    ((ObjectNode) loaded.path("requestContext").path("authorizer").path("jwt").path("claims"))
        .put("cognito:groups", groups);
    return loaded;
  }

  /** Every registration route, and for each the groups that must be refused. */
  static Stream<Arguments> wrongGroups() {
    return Stream.of(
        Arguments.of("vocabulary-get.json", "[]"),
        Arguments.of("vocabulary-get.json", "[admin]"),
        Arguments.of("registration-post.json", "[centre]"),
        Arguments.of("registration-post.json", "[analyst]"),
        Arguments.of("registration-get.json", "[centre analyst]"),
        Arguments.of("registration-put.json", "[centre]"),
        Arguments.of("registration-put.json", "[analyst]"),
        Arguments.of("registration-delete.json", "[responder]"),
        Arguments.of("registration-delete.json", "[centre analyst]"),
        Arguments.of("referral-outcome-put.json", "[responder]"),
        Arguments.of("referral-outcome-put.json", "[analyst]"));
  }

  @ParameterizedTest
  @MethodSource("wrongGroups")
  void route_withoutAnAllowedGroup_is403AndChangesNothing(String event, String groups)
      throws Exception {
    JsonNode response = invoke(as(event, groups));

    assertThat(response.path("statusCode").asInt()).isEqualTo(403);
    assertThat(body(response).path("error").asText()).isEqualTo("forbidden");
    assertThat(store.find("3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("everyGroup")
  void vocabulary_forEachStaffGroup_isTheVocabularyFileFieldForField(String group)
      throws Exception {
    JsonNode response = invoke(as("vocabulary-get.json", "[" + group + "]"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    try (InputStream file =
        Vocabulary.class.getResourceAsStream(
            "/be/helpline/insights/core/vocabulary/vocabulary.json")) {
      assertThat(body(response)).isEqualTo(Json.mapper().readTree(file));
    }
    assertThat(body(response).path("fields").get(0).fieldNames())
        .toIterable()
        .containsExactly("field", "nl", "en", "multiple", "codes");
  }

  static Stream<String> everyGroup() {
    return Stream.of("responder", "coordinator", "centre", "analyst");
  }

  @Test
  void post_isCreatedWithAReferralCode_andARetryGetsTheSameAnswer() throws Exception {
    JsonNode first = invoke(Events.load("registration-post.json"));
    JsonNode again = invoke(Events.load("registration-post.json"));

    assertThat(first.path("statusCode").asInt()).isEqualTo(201);
    assertThat(body(first).path("id").asText()).isEqualTo("3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13");
    assertThat(body(first).path("version").asInt()).isEqualTo(1);
    assertThat(body(first).path("referralCode").asText())
        .matches("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}");
    assertThat(first.path("headers").path("location").asText())
        .isEqualTo("/v1/registrations/3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13");
    assertThat(first.path("headers").path("etag").asText()).isEqualTo("\"1\"");
    assertThat(again.path("statusCode").asInt()).isEqualTo(200);
    assertThat(again.path("headers").has("etag")).isFalse();
    assertThat(body(again)).isEqualTo(body(first));
  }

  @Test
  void get_answersTheContentWithItsVersionAsETag() throws Exception {
    JsonNode created = body(invoke(Events.load("registration-post.json")));

    JsonNode response = invoke(Events.load("registration-get.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(response.path("headers").path("etag").asText()).isEqualTo("\"1\"");
    assertThat(body(response).path("version").asInt()).isEqualTo(1);
    assertThat(body(response).path("referralCode")).isEqualTo(created.path("referralCode"));
    assertThat(body(response).path("registration"))
        .isEqualTo(
            Json.mapper().readTree(Events.load("registration-post.json").path("body").asText()));
  }

  @Test
  void put_withIfMatch_isTheNextVersion_andWithoutIt_is428() throws Exception {
    invoke(Events.load("registration-post.json"));
    ObjectNode withoutIfMatch = Events.load("registration-put.json");
    ((ObjectNode) withoutIfMatch.path("headers")).remove("if-match");

    JsonNode missing = invoke(withoutIfMatch);
    JsonNode amended = invoke(Events.load("registration-put.json"));
    JsonNode stale = invoke(Events.load("registration-put.json"));

    assertThat(missing.path("statusCode").asInt()).isEqualTo(428);
    assertThat(body(missing).path("error").asText()).isEqualTo("precondition_required");
    assertThat(amended.path("statusCode").asInt()).isEqualTo(200);
    assertThat(amended.path("headers").path("etag").asText()).isEqualTo("\"2\"");
    assertThat(body(amended).path("version").asInt()).isEqualTo(2);
    assertThat(stale.path("statusCode").asInt()).isEqualTo(412);
    assertThat(
            body(invoke(Events.load("registration-get.json")))
                .path("registration")
                .path("risk")
                .asText())
        .isEqualTo("CONSULTED");
  }

  @Test
  void delete_voids_thenTheRegistrationAndItsCodeAre404() throws Exception {
    String code = body(invoke(Events.load("registration-post.json"))).path("referralCode").asText();
    ObjectNode outcome = Events.load("referral-outcome-put.json");
    ((ObjectNode) outcome.path("pathParameters")).put("code", code);

    assertThat(invoke(outcome).path("statusCode").asInt()).isEqualTo(204);
    assertThat(invoke(Events.load("registration-delete.json")).path("statusCode").asInt())
        .isEqualTo(204);
    assertThat(invoke(Events.load("registration-delete.json")).path("statusCode").asInt())
        .isEqualTo(204);
    assertThat(invoke(Events.load("registration-get.json")).path("statusCode").asInt())
        .isEqualTo(404);
    assertThat(invoke(outcome).path("statusCode").asInt()).isEqualTo(404);
  }

  @Test
  void outcome_forAnUnknownCode_is404() throws Exception {
    JsonNode response = invoke(Events.load("referral-outcome-put.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(404);
    assertThat(body(response).path("error").asText()).isEqualTo("not_found");
  }
}
