package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API over real HTTP with test functions: what API Gateway itself answers and passes on.
 */
class LocalApiIT {
  private static final String TEMPLATE =
      """
      Resources:
        Api:
          Type: AWS::Serverless::HttpApi
          Properties:
            CorsConfiguration:
              AllowOrigins: [https://site.example]
              AllowMethods: [GET, POST]
              AllowHeaders: [content-type, authorization]
              ExposeHeaders: [etag]
              MaxAge: 60
            Auth:
              DefaultAuthorizer: Jwt
              Authorizers:
                Jwt:
                  IdentitySource: $request.header.Authorization
                  JwtConfiguration: {issuer: https://issuer.example, audience: [client]}
        Echo:
          Type: AWS::Serverless::Function
          Properties:
            Handler: be.helpline.insights.local.EchoHandler::handleRequest
            Events:
              Public:
                Type: HttpApi
                Properties: {Path: "/echo/{id}", Method: POST, Auth: {Authorizer: NONE}}
              Staff:
                Type: HttpApi
                Properties: {Path: /staff, Method: GET}
        Failing:
          Type: AWS::Serverless::Function
          Properties:
            Handler: be.helpline.insights.local.FailingHandler::handleRequest
            Events:
              Fail:
                Type: HttpApi
                Properties: {Path: /fail, Method: GET, Auth: {Authorizer: NONE}}
      """;

  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalApi api;
  private static java.net.URI base;
  private static JwtAuthorizer authorizer;

  @TempDir static Path root;

  @BeforeAll
  static void start() throws Exception {
    Template template = Template.parse(TEMPLATE, Map.of(), "eu-west-1");
    SettableClock clock = SettableClock.systemUtc();
    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    for (Template.Function spec : template.functions()) {
      functions.put(
          spec.logicalId(),
          LocalFunction.create(
              spec, Map.of("AWS_REGION", "eu-west-1"), clock, LOG::add, "eu-west-1"));
    }
    authorizer =
        JwtAuthorizer.create(
            template.api().authorizers().get("Jwt"), JwtAuthorizer.newSigningKey());
    LocalRoutes local =
        new LocalRoutes(
            root, authorizer, List.of("responder"), clock, null, null, null, Map.of(), List.of());
    local.markReady(null);
    api =
        LocalApi.of(
            template,
            functions,
            Map.of("Jwt", authorizer),
            local,
            clock,
            new RunnerLog(LOG::add, Clock.systemUTC()));
    base = api.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static HttpResponse<String> send(
      String method, String path, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  /** A raw HTTP/1.1 GET with the Host header given (HttpClient will not send another host). */
  private static String rawGet(String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void anyHostButTheRunnersOwn_isMisdirectedAndMintsNoToken() throws Exception {
    // A page on rebind.example whose name now resolves to 127.0.0.1 sends Host: rebind.example.
    String rebound = rawGet("/local/token?group=responder", "rebind.example:" + base.getPort());
    String own = rawGet("/local/token?group=responder", "localhost:" + base.getPort());

    assertThat(rebound).startsWith("HTTP/1.1 421").doesNotContain("token");
    assertThat(own).startsWith("HTTP/1.1 200").contains("\"token\"");
    assertThat(rawGet("/local/health", "127.0.0.1")).startsWith("HTTP/1.1 421");
  }

  private static JsonNode echoedEvent(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body()).path("event");
  }

  @Test
  void publicRoute_passesAPayloadEventAndAddsCorsForAnAllowedOrigin() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/echo/abc?x=1&x=2",
            "{\"a\":1}".getBytes(),
            Map.of(
                "Origin", "https://site.example",
                "Content-Type", "application/json",
                "Cookie", "k=v; other=w"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = echoedEvent(response);
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /echo/{id}");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1&x=2");
    assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
    assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("abc");
    assertThat(event.path("cookies")).hasSize(2);
    assertThat(event.path("headers").has("cookie")).isFalse();
    assertThat(event.path("body").asText()).isEqualTo("{\"a\":1}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(response.headers().allValues("access-control-allow-origin"))
        .containsExactly("https://site.example");
    assertThat(response.headers().firstValue("access-control-expose-headers")).hasValue("etag");
    assertThat(response.headers().firstValue("vary")).hasValue("Origin");
  }

  @Test
  void binaryBody_reachesTheHandlerAsBase64() throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 255};

    JsonNode event =
        echoedEvent(
            send("POST", "/echo/bin", bytes, Map.of("Content-Type", "application/octet-stream")));

    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(bytes);
  }

  @Test
  void headOnAGetOnlyRoute_andUnknownPaths_areNotFound() throws Exception {
    assertThat(send("HEAD", "/fail", null, Map.of()).statusCode()).isEqualTo(404);
    HttpResponse<String> unknown = send("GET", "/nothing", null, Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  @Test
  void failingHandler_isAnInternalServerErrorAndLogged() throws Exception {
    HttpResponse<String> response = send("GET", "/fail", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    assertThat(List.copyOf(LOG))
        .anyMatch(
            line ->
                line.contains("\"level\":\"ERROR\"") && line.contains("\"function\":\"Failing\""));
  }

  @Test
  void bodyOverTenMegabytes_isTooLarge() throws Exception {
    byte[] body = new byte[LocalApi.MAX_BODY_BYTES + 1];

    assertThat(send("POST", "/echo/big", body, Map.of("Content-Type", "text/plain")).statusCode())
        .isEqualTo(413);
  }

  @Test
  void authorizedRoute_needsAValidTokenAndPassesItsClaims() throws Exception {
    assertThat(send("GET", "/staff", null, Map.of()).statusCode()).isEqualTo(401);

    String token = authorizer.issue(List.of("responder", "coordinator"), Instant.now());
    HttpResponse<String> response = send("GET", "/staff", null, Map.of("Authorization", token));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode claims =
        echoedEvent(response).path("requestContext").path("authorizer").path("jwt").path("claims");
    assertThat(claims.path("cognito:groups").asText()).isEqualTo("[responder coordinator]");
    assertThat(claims.path("iss").asText()).isEqualTo("https://issuer.example");
  }

  @Test
  void clock_setThroughTheLocalRoute_isWhatHandlersSee() throws Exception {
    assertThat(
            send("PUT", "/local/clock", "{\"now\":\"2020-04-02T08:30:00Z\"}".getBytes(), Map.of())
                .statusCode())
        .isEqualTo(200);
    try {
      HttpResponse<String> response = send("POST", "/echo/t", null, Map.of());
      JsonNode body = Json.mapper().readTree(response.body());

      assertThat(body.path("now").asText()).startsWith("2020-04-02T08:3");
      assertThat(body.path("event").path("requestContext").path("time").asText())
          .startsWith("02/Apr/2020:08:3");
      assertThat(body.path("region").asText()).isEqualTo("eu-west-1");
      assertThat(body.path("function").asText()).isEqualTo("Echo");
    } finally {
      assertThat(send("DELETE", "/local/clock", null, Map.of()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void staticApp_refusesTraversal() throws Exception {
    assertThat(send("GET", "/app/..%2F..%2Fetc%2Fpasswd", null, Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/app/missing.html", null, Map.of()).statusCode()).isEqualTo(404);
  }
}
