package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload 2.0 event has the details handlers rely on, as API Gateway builds them. */
class HttpApiEventsTest {
  private static final Instant NOW = Instant.parse("2020-04-15T09:21:47.088Z");
  private static final Template.Route BEACON =
      new Template.Route("POST", "/v1/beacons", "BeaconFunction", null, List.of());
  private static final Template.Route REGISTRATION =
      new Template.Route(
          "GET", "/v1/registrations/{id}", "RegistrationFunction", "CognitoAuthorizer", List.of());

  private final HttpApiEvents events = new HttpApiEvents("local");

  private static IncomingRequest request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    return new IncomingRequest(
        method,
        path,
        query,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        "127.0.0.1",
        "HTTP/1.1");
  }

  private JsonNode event(IncomingRequest request, Template.Route route) {
    RouteTable.Match match =
        new RouteTable(List.of(route)).match(request.method(), request.rawPath()).orElseThrow();
    return events.event(request, match, "TestReq00001AAA=", NOW, null);
  }

  @Test
  void headers_areLowerCasedAndRepeatedOnesCommaJoined() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("text/plain;charset=UTF-8"));
    headers.put("X-Repeated", List.of("one", "two"));
    headers.put("Origin", List.of("https://selfhelp.example"));

    JsonNode event = event(request("POST", "/v1/beacons", null, headers, "{}"), BEACON);

    assertThat(event.path("headers").path("content-type").asText())
        .isEqualTo("text/plain;charset=UTF-8");
    assertThat(event.path("headers").path("x-repeated").asText()).isEqualTo("one,two");
    assertThat(event.path("headers").path("origin").asText()).isEqualTo("https://selfhelp.example");
    assertThat(event.path("headers").has("Content-Type")).isFalse();
  }

  @Test
  void cookies_areSplitOutOfTheHeadersAndTheCookieHeaderDropped() {
    Map<String, List<String>> headers = Map.of("Cookie", List.of("a=1; b=2", "c=3"));

    JsonNode event = event(request("POST", "/v1/beacons", null, headers, ""), BEACON);

    assertThat(event.path("cookies"))
        .extracting(JsonNode::asText)
        .containsExactly("a=1", "b=2", "c=3");
    assertThat(event.path("headers").has("cookie")).isFalse();
  }

  @Test
  void noCookies_meansNoCookiesField() {
    JsonNode event = event(request("POST", "/v1/beacons", null, Map.of(), ""), BEACON);

    assertThat(event.has("cookies")).isFalse();
    assertThat(event.has("body")).isFalse();
    assertThat(event.has("queryStringParameters")).isFalse();
    assertThat(event.has("pathParameters")).isFalse();
  }

  @Test
  void routeKeyAndRawQueryString_areAsApiGatewaySetsThem() {
    JsonNode event =
        event(
            request("POST", "/v1/beacons", "utm_source=a%20b&x=1&x=2&flag", Map.of(), ""), BEACON);

    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /v1/beacons");
    assertThat(event.path("requestContext").path("routeKey").asText())
        .isEqualTo("POST /v1/beacons");
    assertThat(event.path("rawPath").asText()).isEqualTo("/v1/beacons");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("utm_source=a%20b&x=1&x=2&flag");
    assertThat(event.path("queryStringParameters").path("utm_source").asText()).isEqualTo("a b");
    assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
    assertThat(event.path("queryStringParameters").path("flag").asText()).isEmpty();
  }

  @Test
  void pathParameters_comeFromTheRouteTemplateDecoded() {
    JsonNode event =
        event(request("GET", "/v1/registrations/abc%2D1", null, Map.of(), ""), REGISTRATION);

    assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("abc-1");
    assertThat(event.path("routeKey").asText()).isEqualTo("GET /v1/registrations/{id}");
  }

  @Test
  void requestContext_hasTheHttpDetailsAndTime() {
    Map<String, List<String>> headers =
        Map.of("User-Agent", List.of("TestAgent/1.0"), "Host", List.of("127.0.0.1:3000"));

    JsonNode context =
        event(request("POST", "/v1/beacons", null, headers, ""), BEACON).path("requestContext");

    assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
    assertThat(context.path("http").path("path").asText()).isEqualTo("/v1/beacons");
    assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.path("http").path("userAgent").asText()).isEqualTo("TestAgent/1.0");
    assertThat(context.path("requestId").asText()).isEqualTo("TestReq00001AAA=");
    assertThat(context.path("stage").asText()).isEqualTo("$default");
    assertThat(context.path("time").asText()).isEqualTo("15/Apr/2020:09:21:47 +0000");
    assertThat(context.path("timeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1");
    assertThat(context.path("accountId").asText()).isEqualTo("123456789012");
  }

  @Test
  void textualBody_isPassedAsText() {
    JsonNode event =
        event(
            request(
                "POST",
                "/v1/beacons",
                null,
                Map.of("Content-Type", List.of("text/plain;charset=UTF-8")),
                "{\"site\":\"selfhelp\"}"),
            BEACON);

    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(event.path("body").asText()).isEqualTo("{\"site\":\"selfhelp\"}");
  }

  @Test
  void binaryBody_isBase64EncodedAndFlagged() {
    JsonNode event =
        event(
            request(
                "POST",
                "/v1/beacons",
                null,
                Map.of("Content-Type", List.of("application/octet-stream")),
                "raw"),
            BEACON);

    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(event.path("body").asText()))
        .isEqualTo("raw".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void isText_coversTheTextualTypes() {
    assertThat(HttpApiEvents.isText("text/csv")).isTrue();
    assertThat(HttpApiEvents.isText("application/json; charset=utf-8")).isTrue();
    assertThat(HttpApiEvents.isText("application/problem+json")).isTrue();
    assertThat(HttpApiEvents.isText("application/x-www-form-urlencoded")).isTrue();
    assertThat(HttpApiEvents.isText("application/xml")).isTrue();
    assertThat(HttpApiEvents.isText("image/png")).isFalse();
    assertThat(HttpApiEvents.isText(null)).isFalse();
  }

  @Test
  void authorizedRoute_carriesTheJwtClaimsAsStrings() {
    IncomingRequest request = request("GET", "/v1/registrations/1", null, Map.of(), "");
    RouteTable.Match match =
        new RouteTable(List.of(REGISTRATION)).match("GET", "/v1/registrations/1").orElseThrow();

    JsonNode jwt =
        events
            .event(
                request,
                match,
                "id",
                NOW,
                new HttpApiEvents.Authorization(
                    Claims.asStrings(Map.of("cognito:groups", List.of("responder", "coordinator"))),
                    null))
            .path("requestContext")
            .path("authorizer")
            .path("jwt");

    assertThat(jwt.path("claims").path("cognito:groups").asText())
        .isEqualTo("[responder coordinator]");
    assertThat(jwt.path("scopes").isNull()).isTrue();
  }
}
