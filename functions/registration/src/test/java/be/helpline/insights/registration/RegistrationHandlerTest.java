package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
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
          store,
          LandingHosts.fromConfig("stopitnow.example,selfhelp.example"),
          RegistrationRoutesTest.routes(new InMemoryRegistrationStore()),
          null);

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

  private static ObjectNode impressions(
      String groups, String contentType, String query, String body) {
    ObjectNode event = put("spring20", groups, body);
    event.put("routeKey", "PUT /v1/campaigns/{id}/impressions");
    event.put("rawPath", "/v1/campaigns/spring20/impressions");
    ((ObjectNode) event.path("headers")).put("content-type", contentType);
    if (query != null) {
      event.put("rawQueryString", query);
      event.putObject("queryStringParameters").put("reach", query.substring("reach=".length()));
    }
    return event;
  }

  @Test
  void putImpressions_csvWithReach_is200WithASummary() throws Exception {
    invoke(put("spring20", "[coordinator]", null));

    JsonNode response =
        invoke(
            impressions(
                "[coordinator]",
                "text/csv",
                "reach=220000",
                "date,creative,impressions\n2020-04-01,c1,31250\n2020-04-01,c2,27400\n"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(response))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"campaignId\":\"spring20\",\"rows\":2,\"impressions\":58650,"
                        + "\"reach\":220000}"));
    assertThat(store.impressions("spring20").totalImpressions()).isEqualTo(58650);
  }

  @Test
  void putImpressions_badJsonRow_is400NamingRowAndColumn() throws Exception {
    invoke(put("spring20", "[coordinator]", null));

    JsonNode response =
        invoke(
            impressions(
                "[coordinator]",
                "application/json",
                null,
                "{\"rows\":[{\"date\":\"2020-04-01\",\"creative\":\"c1\",\"impressions\":1},"
                    + "{\"date\":\"2020-04-02\",\"creative\":\"c1\",\"impressions\":-3}]}"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(body(response).path("fields"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "[{\"field\":\"rows[1].impressions\",\"code\":\"not_a_non_negative_integer\"}]"));
  }

  @Test
  void putImpressions_unknownCampaign_is404_andAnalyst_is403() throws Exception {
    String csv = "date,creative,impressions\n";
    assertThat(
            invoke(impressions("[coordinator]", "text/csv", null, csv)).path("statusCode").asInt())
        .isEqualTo(404);
    assertThat(invoke(impressions("[analyst]", "text/csv", null, csv)).path("statusCode").asInt())
        .isEqualTo(403);
  }

  private static String laterBody() {
    return Events.load("campaign-put.json")
        .path("body")
        .asText()
        .replace("2020-04-01", "2020-05-01");
  }
}
