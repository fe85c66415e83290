package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local runner over real HTTP, against a moto server of its own: health, the JWT authorizer,
 * CORS, the clock, beacons, an aggregator run and the snapshot it publishes.
 */
class LocalRunnerIT {
  private static final String SELFHELP = "https://selfhelp.example";
  private static final String DATE = "2020-04-02";

  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension(LOG::add);

  private static HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve(path))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, Map.of());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  private static String token(String group) throws Exception {
    HttpResponse<String> response = get("/local/token?group=" + group);
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response).path("token").asText();
  }

  @Test
  void health_isOkOnceStarted() throws Exception {
    HttpResponse<String> response = get("/local/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void staffRoute_withoutToken_isUnauthorizedBeforeTheHandler() throws Exception {
    HttpResponse<String> response = get("/v1/vocabulary");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response)).isEqualTo(Json.mapper().readTree("{\"message\":\"Unauthorized\"}"));
  }

  @Test
  void staffRoute_withTamperedToken_isUnauthorized() throws Exception {
    String[] parts = token("responder").split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    HttpResponse<String> response =
        send("GET", "/v1/vocabulary", null, Map.of("Authorization", "Bearer " + tampered));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("message").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void staffRoute_withValidToken_reachesTheHandler() throws Exception {
    HttpResponse<String> response =
        send(
            "GET", "/v1/vocabulary", null, Map.of("Authorization", "Bearer " + token("responder")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("fields").isArray()).isTrue();
  }

  @Test
  void token_forAnUnknownGroup_isBadRequest() throws Exception {
    assertThat(get("/local/token?group=admin").statusCode()).isEqualTo(400);
    assertThat(get("/local/token").statusCode()).isEqualTo(400);
  }

  @Test
  void preflight_fromTheSelfhelpSite_allowsBeacons() throws Exception {
    HttpResponse<String> response =
        send(
            "OPTIONS",
            "/v1/beacons",
            null,
            Map.of(
                "Origin", SELFHELP,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type"));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(SELFHELP);
    assertThat(response.headers().firstValue("access-control-allow-methods").orElse(""))
        .contains("POST");
    assertThat(response.headers().firstValue("access-control-allow-headers").orElse(""))
        .contains("content-type");
    assertThat(response.headers().firstValue("access-control-max-age")).hasValue("600");
  }

  @Test
  void preflight_fromAnotherOrigin_isNotAllowed() throws Exception {
    HttpResponse<String> response =
        send(
            "OPTIONS",
            "/v1/beacons",
            null,
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void unknownRoute_isNotFoundAsApiGatewayAnswers() throws Exception {
    HttpResponse<String> response = get("/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response)).isEqualTo(Json.mapper().readTree("{\"message\":\"Not Found\"}"));
  }

  @Test
  void accessLog_hasRouteAndStatusButNoPathQueryOrAddress() throws Exception {
    get("/v1/registrations/SECRET-ID-42?visitor=SECRET-QUERY");

    // The access line is written once the answer is sent, so it may land just after the client
    // has it.
    JsonNode access = null;
    for (int attempt = 0; attempt < 50 && access == null; attempt++) {
      access = lastLineWith("GET /v1/registrations/{id}");
      if (access == null) {
        Thread.sleep(50);
      }
    }
    assertThat(access).as("access line").isNotNull();
    List<String> lines;
    synchronized (LOG) {
      lines = List.copyOf(LOG);
    }
    assertThat(access.path("status").asInt()).isEqualTo(401);
    assertThat(access.has("requestId")).isTrue();
    assertThat(access.has("latencyMs")).isTrue();
    assertThat(lines).noneMatch(line -> line.contains("SECRET") || line.contains("127.0.0.1"));
  }

  private static JsonNode lastLineWith(String routeKey) throws Exception {
    List<String> lines;
    synchronized (LOG) {
      lines = List.copyOf(LOG);
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      JsonNode line = Json.mapper().readTree(lines.get(i));
      if (routeKey.equals(line.path("routeKey").asText())) {
        return line;
      }
    }
    return null;
  }

  @Test
  void openApi_isServedAsJsonWhenTheDocumentExists() throws Exception {
    HttpResponse<String> response = get("/openapi.json");
    boolean exists =
        java.nio.file.Files.isRegularFile(LocalRunner.projectRoot().resolve("openapi.yaml"));

    assertThat(response.statusCode()).isEqualTo(exists ? 200 : 404);
    if (exists) {
      JsonNode document = json(response);
      assertThat(document.has("openapi")).isTrue();
      // What this deployment accepts, for a client generated from it (schemathesis among them).
      JsonNode schemas = document.path("components").path("schemas");
      assertThat(schemas.at("/Beacon/properties/site/enum"))
          .extracting(JsonNode::asText)
          .containsExactly("main", "selfhelp");
      String landing = schemas.at("/Campaign/properties/landingUrl/pattern").asText();
      assertThat("https://stopitnow.example/hulp?x=1").matches(landing);
      assertThat("https://evil.example/").doesNotMatch(landing);
      assertThat("https://stopitnow.example/?utm_source=x").doesNotMatch(landing);
    }
  }

  @Test
  void beaconsThenAggregate_publishThosePageViewsInTheSnapshot() throws Exception {
    assertThat(
            send("PUT", "/local/clock", "{\"now\":\"" + DATE + "T08:30:00Z\"}", Map.of())
                .statusCode())
        .isEqualTo(200);
    try {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> beacon =
            send(
                "POST",
                "/v1/beacons",
                "{\"site\":\"selfhelp\",\"path\":\"/module/3\",\"source\":\"search\",\"newVisit\":true}",
                Map.of("Origin", SELFHELP, "Content-Type", "text/plain;charset=UTF-8"));
        assertThat(beacon.statusCode()).as("beacon answer: %s", beacon.body()).isEqualTo(204);
        assertThat(beacon.headers().firstValue("access-control-allow-origin")).hasValue(SELFHELP);
      }

      HttpResponse<String> run = send("POST", "/local/aggregate", null, Map.of());
      assertThat(run.statusCode()).as("aggregator answer: %s", run.body()).isEqualTo(200);

      HttpResponse<String> latest = get("/snapshots/v1/LATEST.json");
      assertThat(latest.statusCode()).isEqualTo(200);
      assertThat(latest.headers().firstValue("content-type").orElse(""))
          .startsWith("application/json");
      // Kept, but asked for again each time: the dashboard's polls cost a 304 when nothing changed.
      assertThat(latest.headers().firstValue("cache-control")).hasValue("no-cache");
      String runPath = json(latest).path("path").asText();
      String trafficKey = (runPath.endsWith("/") ? runPath : runPath + "/") + "traffic.json";
      assertThat(trafficKey).startsWith("snapshots/v1/");

      HttpResponse<String> traffic = get("/" + trafficKey);
      assertThat(traffic.statusCode()).isEqualTo(200);
      JsonNode day = null;
      for (JsonNode entry : json(traffic).path("sites").path("selfhelp").path("daily")) {
        if (entry.path("date").asText().equals(DATE)) {
          day = entry;
        }
      }
      assertThat(day).as("sites.selfhelp.daily entry for %s", DATE).isNotNull();
      assertThat(day.path("pageviews").asLong()).isEqualTo(3);
      assertThat(day.path("visits").asLong()).isEqualTo(3);

      try (S3Client s3 =
          S3Client.builder()
              .region(Region.EU_WEST_1)
              .endpointOverride(LOCAL.runner().emulator())
              .forcePathStyle(true)
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        byte[] stored =
            s3.getObjectAsBytes(request -> request.bucket(snapshotBucket()).key(trafficKey))
                .asByteArray();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(traffic.body());
      }
      assertThat(get("/snapshots/v1/runs/no-such-run/traffic.json").statusCode()).isEqualTo(404);

      // As CloudFront serves it to a browser: gzipped, a weak ETag, the same JSON inside.
      HttpRequest gzipRequest =
          HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/" + trafficKey))
              .header("Accept-Encoding", "gzip, deflate, br")
              .build();
      HttpResponse<byte[]> gzipped = HTTP.send(gzipRequest, BodyHandlers.ofByteArray());
      assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
      assertThat(gzipped.headers().allValues("vary")).contains("Accept-Encoding");
      assertThat(gzipped.headers().firstValue("etag").orElseThrow())
          .isEqualTo("W/" + traffic.headers().firstValue("etag").orElseThrow());
      try (java.util.zip.GZIPInputStream unzipped =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
        assertThat(new String(unzipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(traffic.body());
      }
      assertThat(traffic.body()).as("compact JSON").doesNotContain("\n  ");
    } finally {
      send("DELETE", "/local/clock", null, Map.of());
    }
  }

  @Test
  void snapshotFiles_answerHeadAndIfNoneMatchAsS3Does() throws Exception {
    assertThat(send("POST", "/local/aggregate", null, Map.of()).statusCode()).isEqualTo(200);
    HttpResponse<String> get = get("/snapshots/v1/LATEST.json");
    String etag = get.headers().firstValue("etag").orElseThrow();
    assertThat(get.headers().firstValue("last-modified")).isPresent();

    HttpResponse<String> head = send("HEAD", "/snapshots/v1/LATEST.json", null, Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("etag")).hasValue(etag);
    assertThat(head.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(head.headers().firstValueAsLong("content-length"))
        .hasValue(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(send("HEAD", "/snapshots/v1/no-such-file.json", null, Map.of()).statusCode())
        .isEqualTo(404);

    HttpResponse<String> unchanged =
        send("GET", "/snapshots/v1/LATEST.json", null, Map.of("If-None-Match", etag));
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().firstValue("etag")).hasValue(etag);
    assertThat(
            send("GET", "/snapshots/v1/LATEST.json", null, Map.of("If-None-Match", "\"other\""))
                .statusCode())
        .isEqualTo(200);

    // A new run (an hour later by the runner's clock) writes a new LATEST.json: the dashboard's
    // next poll gets it, with a new ETag.
    String later = java.time.Instant.now().plusSeconds(3600).toString();
    assertThat(send("PUT", "/local/clock", "{\"now\":\"" + later + "\"}", Map.of()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> changed;
    try {
      assertThat(send("POST", "/local/aggregate", null, Map.of()).statusCode()).isEqualTo(200);
      changed = send("GET", "/snapshots/v1/LATEST.json", null, Map.of("If-None-Match", etag));
    } finally {
      send("DELETE", "/local/clock", null, Map.of());
    }
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("etag")).isPresent().isNotEqualTo(Optional.of(etag));
  }

  private static String snapshotBucket() {
    return Template.load(LocalRunner.projectRoot(), "eu-west-1").functions().stream()
        .map(function -> function.environment().get("SNAPSHOT_BUCKET"))
        .filter(name -> name != null)
        .findFirst()
        .orElseThrow();
  }
}
