package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.campaign.CampaignAdmin;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryRegistrationStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationHandlerTest {
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RegistrationHandler handler =
      new RegistrationHandler(
          new CampaignAdmin(store, LandingHosts.fromConfig("stopitnow.example,selfhelp.example")),
          RegistrationRoutesTest.routes(new InMemoryRegistrationStore()));

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, new TestContext());
  }

  private static JsonNode body(JsonNode response) throws Exception {
    return Json.mapper().readTree(response.path("body").asText());
  }

  private static ObjectNode put(String id, String groups, String body) {
    ObjectNode event = Events.load("campaign-put.json");
    event.put("rawPath", "/v1/campaigns/" + id);
    ((ObjectNode) event.path("pathParameters")).put("id", id);
    claims(event).put("cognito:groups", groups);
    if (body != null) {
      event.put("body", body);
    }
    return event;
  }

  private static ObjectNode list(String groups) {
    ObjectNode event = Events.load("campaign-put.json");
    event.put("routeKey", "GET /v1/campaigns");
    event.put("rawPath", "/v1/campaigns");
    ((ObjectNode) event.path("requestContext").path("http")).put("method", "GET");
    event.remove("pathParameters");
    event.remove("body");
    claims(event).put("cognito:groups", groups);
    return event;
  }

  private static ObjectNode claims(ObjectNode event) {
    return (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
  }

  @Test
  void putCampaign_asCoordinator_is200WithTheStoredCampaign() throws Exception {
    JsonNode response = invoke(Events.load("campaign-put.json"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(response).toString())
        .isEqualTo(
            "{\"id\":\"spring20\",\"name\":\"Voorjaarscampagne 2020\",\"start\":\"2020-04-01\","
                + "\"end\":\"2020-05-19\",\"landingUrl\":\"https://stopitnow.example/\","
                + "\"creatives\":{\"c1\":\"Kijk uit wat je kijkt!\","
                + "\"c2\":\"Dreig je een grens over te gaan?\"}}");
    assertThat(store.find("spring20")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[analyst]", "[responder centre]", "[]", ""})
  void putCampaign_withoutCoordinator_is403AndStoresNothing(String groups) throws Exception {
    JsonNode response = invoke(put("spring20", groups, null));

    assertThat(response.path("statusCode").asInt()).isEqualTo(403);
    assertThat(body(response).path("error").asText()).isEqualTo("forbidden");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void putCampaign_coordinatorAmongOtherGroups_isAllowed() throws Exception {
    assertThat(invoke(put("spring20", "[responder coordinator]", null)).path("statusCode").asInt())
        .isEqualTo(200);
  }

  @Test
  void putCampaign_invalid_is400NamingEachField() throws Exception {
    JsonNode response =
        invoke(
            put(
                "spring20",
                "[coordinator]",
                "{\"name\":\"x\",\"start\":\"2020-05-01\",\"end\":\"2020-04-01\","
                    + "\"landingUrl\":\"https://evil.example/\",\"creatives\":{\"c1\":\"a\"},"
                    + "\"extra\":1}"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(body(response).path("error").asText()).isEqualTo("invalid_input");
    assertThat(body(response).path("fields").findValuesAsText("field"))
        .containsExactlyInAnyOrder("extra", "end", "landingUrl");
  }

  @Test
  void putCampaign_over64Kilobytes_is413() throws Exception {
    String body = "{\"name\":\"" + "x".repeat(64 * 1024) + "\",\"start\":\"2020-04-01\"}";

    assertThat(invoke(put("spring20", "[coordinator]", body)).path("statusCode").asInt())
        .isEqualTo(413);
  }

  @Test
  void putCampaign_notJson_is415() throws Exception {
    ObjectNode event = put("spring20", "[coordinator]", null);
    ((ObjectNode) event.path("headers")).put("content-type", "text/plain");

    assertThat(invoke(event).path("statusCode").asInt()).isEqualTo(415);
  }

  @Test
  void listCampaigns_asAnalyst_isSortedByStart() throws Exception {
    invoke(put("later", "[coordinator]", null).put("body", laterBody()));
    invoke(put("spring20", "[coordinator]", null));

    JsonNode response = invoke(list("[analyst]"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(response).path("campaigns").findValuesAsText("id"))
        .containsExactly("spring20", "later");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[responder]", "[centre]", ""})
  void listCampaigns_withoutCoordinatorOrAnalyst_is403(String groups) throws Exception {
    assertThat(invoke(list(groups)).path("statusCode").asInt()).isEqualTo(403);
  }

  @Test
  void impressions_is501UntilBuilt() throws Exception {
    ObjectNode event = put("spring20", "[coordinator]", null);
    event.put("routeKey", "PUT /v1/campaigns/{id}/impressions");

    assertThat(invoke(event).path("statusCode").asInt()).isEqualTo(501);
  }

  private static String laterBody() {
    return Events.load("campaign-put.json")
        .path("body")
        .asText()
        .replace("2020-04-01", "2020-05-01");
  }
}
