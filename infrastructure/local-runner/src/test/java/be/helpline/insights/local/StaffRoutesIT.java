package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every staff route that template.yaml declares, through the local runner (which plays the JWT
 * authorizer): 401 without a token or with a bad one, before the handler; 403 with a valid token
 * whose groups the route does not allow, from the handler's own check (SPEC section 3).
 */
class StaffRoutesIT {
  private static final List<String> GROUPS =
      List.of("responder", "coordinator", "centre", "analyst");

  /** Who may call each staff route (SPEC section 3); a new route must be added here. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "GET /v1/vocabulary", Set.copyOf(GROUPS),
          "POST /v1/registrations", Set.of("responder", "coordinator"),
          "GET /v1/registrations/{id}", Set.of("responder", "coordinator"),
          "PUT /v1/registrations/{id}", Set.of("responder", "coordinator"),
          "DELETE /v1/registrations/{id}", Set.of("coordinator"),
          "PUT /v1/referrals/{code}/outcome", Set.of("centre", "coordinator"),
          "GET /v1/campaigns", Set.of("coordinator", "analyst"),
          "PUT /v1/campaigns/{id}", Set.of("coordinator"),
          "PUT /v1/campaigns/{id}/impressions", Set.of("coordinator"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  static List<Template.Route> staffRoutes() {
    List<Template.Route> routes = new ArrayList<>();
    for (Template.Function function :
        Template.load(LocalRunner.projectRoot(), "eu-west-1").functions()) {
      function.routes().stream().filter(route -> route.authorizer() != null).forEach(routes::add);
    }
    return routes;
  }

  static Stream<String> staffRouteKeys() {
    return staffRoutes().stream().map(Template.Route::routeKey);
  }

  static Stream<Arguments> wrongGroups() {
    return staffRouteKeys()
        .flatMap(
            route ->
                GROUPS.stream()
                    .filter(group -> !ALLOWED.getOrDefault(route, Set.of()).contains(group))
                    .map(group -> Arguments.of(route, group)));
  }

  private static HttpResponse<String> call(String routeKey, String authorization) throws Exception {
    String[] parts = routeKey.split(" ", 2);
    String path =
        parts[1]
            .replace("{id}", "3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13")
            .replace("{code}", "K7QMX-2HRPW");
    boolean withBody = parts[0].equals("POST") || parts[0].equals("PUT");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve(path))
            .method(parts[0], withBody ? BodyPublishers.ofString("{}") : BodyPublishers.noBody());
    if (withBody) {
      request.header("content-type", "application/json");
    }
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static String token(String group) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/token?group=" + group))
                .build(),
            BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(response.body()).path("token").asText();
  }

  @Test
  void everyStaffRouteOfTheTemplate_hasItsGroupsListedHere() {
    assertThat(staffRouteKeys().toList())
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
  }

  @ParameterizedTest
  @MethodSource("staffRouteKeys")
  void staffRoute_withoutToken_is401(String route) throws Exception {
    HttpResponse<String> response = call(route, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Json.mapper().readTree(response.body()).path("message").asText())
        .isEqualTo("Unauthorized");
  }

  @ParameterizedTest
  @MethodSource("staffRouteKeys")
  void staffRoute_withBadToken_is401(String route) throws Exception {
    String[] parts = token("coordinator").split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    assertThat(call(route, "Bearer " + tampered).statusCode()).isEqualTo(401);
    assertThat(call(route, "Bearer not-a-token").statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @MethodSource("wrongGroups")
  void staffRoute_withATokenOfAWrongGroup_is403(String route, String group) throws Exception {
    HttpResponse<String> response = call(route, "Bearer " + token(group));

    Assumptions.assumeFalse(
        response.statusCode() == 501, route + " is not built yet: no group check to test");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(response.body()).path("error").asText())
        .isEqualTo("forbidden");
  }

  @ParameterizedTest
  @MethodSource("groups")
  void vocabulary_isForEveryStaffGroup(String group) throws Exception {
    assertThat(call("GET /v1/vocabulary", "Bearer " + token(group)).statusCode()).isEqualTo(200);
  }

  static Stream<String> groups() {
    return GROUPS.stream();
  }
}
