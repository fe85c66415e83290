package be.helpline.insights.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

  @Test
  void from_beaconEvent_readsMethodRouteHeadersAndBody() {
    ApiRequest request = ApiRequest.from(Events.load("beacon-post.json"));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.routeKey()).isEqualTo("POST /v1/beacons");
    assertThat(request.header("origin")).contains("https://selfhelp.example");
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .contains("\"site\":\"selfhelp\"");
  }

  @Test
  void from_base64Body_isDecoded() {
    ObjectNode event = Events.load("beacon-post.json");
    event.put("body", Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)));
    event.put("isBase64Encoded", true);

    assertThat(ApiRequest.from(event).body()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void groups_parsesTheAuthorizersBracketedForm() {
    ObjectNode event = Events.load("vocabulary-get.json");
    ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims"))
        .put("cognito:groups", "[responder coordinator]");

    assertThat(ApiRequest.from(event).groups())
        .containsExactlyInAnyOrder("responder", "coordinator");
  }

  @Test
  void groups_singleGroupWithoutBrackets_isRead() {
    ObjectNode event = Events.load("vocabulary-get.json");
    ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims"))
        .put("cognito:groups", "analyst");

    assertThat(ApiRequest.from(event).groups()).containsExactly("analyst");
  }

  @Test
  void groups_namesAPoolCouldHold_areReadExactly() {
    // Cognito group names: letters, marks, symbols, numbers and punctuation, no whitespace.
    ObjectNode event = Events.load("vocabulary-get.json");
    ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims"))
        .put("cognito:groups", "[responder,coordinator [analyst] team-é_1 \"centre\" a]b]");

    assertThat(ApiRequest.from(event).groups())
        .containsExactlyInAnyOrder(
            "responder,coordinator", "[analyst]", "team-é_1", "\"centre\"", "a]b")
        .doesNotContain("responder", "coordinator", "analyst", "centre");
  }

  @Test
  void groups_noClaims_isEmpty() {
    assertThat(ApiRequest.from(Events.load("beacon-post.json")).groups()).isEmpty();
  }
}
