package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What only the local runner serves (SPEC section 5): health, dev tokens, the settable clock,
 * running the aggregator now, the snapshot bucket's files, the OpenAPI document and the staff web
 * app.
 */
final class LocalRoutes {
  private static final String SNAPSHOTS = "/snapshots/v1/";

  private final Path projectRoot;
  private final JwtAuthorizer authorizer;
  private final List<String> groups;
  private final SettableClock clock;
  private final ScheduledFunction scheduled;
  private final S3Client s3;
  private final String snapshotBucket;
  private final Map<String, String> siteOrigins;
  private final List<String> landingHosts;
  private final StaticFiles app;
  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile String demo;

  /** A local route's key (for the access log) and its answer. */
  record Answered(String routeKey, ApiAnswer answer) {}

  LocalRoutes(
      Path projectRoot,
      JwtAuthorizer authorizer,
      List<String> groups,
      SettableClock clock,
      ScheduledFunction scheduled,
      S3Client s3,
      String snapshotBucket,
      Map<String, String> siteOrigins,
      List<String> landingHosts) {
    this.projectRoot = projectRoot;
    this.authorizer = authorizer;
    this.groups = List.copyOf(groups);
    this.clock = clock;
    this.scheduled = scheduled;
    this.s3 = s3;
    this.snapshotBucket = snapshotBucket;
    this.siteOrigins = Map.copyOf(siteOrigins);
    this.landingHosts = List.copyOf(landingHosts);
    this.app = new StaticFiles(projectRoot.resolve("web/app"));
  }

  /**
   * From now on {@code /local/health} answers 200, saying what became of the demo data when this
   * start loaded it ({@code loaded} or {@code stopped: <why>}; null: not loaded).
   */
  void markReady(String demo) {
    this.demo = demo;
    ready.set(true);
  }

  Optional<Answered> answer(IncomingRequest request) throws IOException {
    String method = request.method();
    String path = request.rawPath();
    if ((method.equals("GET") || method.equals("HEAD"))
        && path.startsWith(SNAPSHOTS)
        && path.length() > SNAPSHOTS.length()) {
      return answered(
          method + " /snapshots/v1/{key+}",
          snapshot(
              path.substring(SNAPSHOTS.length()), request.header("if-none-match").orElse(null)));
    }
    if (method.equals("GET") && (path.equals("/app") || path.startsWith("/app/"))) {
      return answered("GET /app/{path+}", staticFile(path));
    }
    String routeKey = method + " " + path;
    return switch (routeKey) {
      case "GET /local/health" ->
          answered(
              routeKey,
              ready.get()
                  ? ApiAnswer.json(
                      200,
                      demo == null ? Map.of("status", "ok") : Map.of("status", "ok", "demo", demo))
                  : ApiAnswer.json(503, Map.of("status", "starting")));
      case "GET /local/token" -> answered(routeKey, token(request));
      case "PUT /local/clock" -> answered(routeKey, setClock(request));
      case "DELETE /local/clock" -> {
        clock.reset();
        yield answered(routeKey, ApiAnswer.json(200, Map.of("now", clock.instant().toString())));
      }
      case "POST /local/aggregate" -> answered(routeKey, aggregate(request));
      case "GET /openapi.json", "GET /openapi.yaml" -> answered(routeKey, openApi(path));
      default -> Optional.empty();
    };
  }

  /** Local answers are never cached unless they say otherwise (the web app's files). */
  private static Optional<Answered> answered(String routeKey, ApiAnswer answer) {
    return Optional.of(
        new Answered(
            routeKey,
            answer.header("cache-control") != null
                ? answer
                : answer.withHeaders(List.of(Map.entry("cache-control", "no-store")))));
  }

  private ApiAnswer token(IncomingRequest request) {
    if (authorizer == null) {
      return ApiAnswer.message(404, "template.yaml declares no JWT authorizer");
    }
    String requested = HttpApiEvents.queryParameters(request.rawQuery()).getOrDefault("group", "");
    List<String> wanted =
        Arrays.stream(requested.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
    if (wanted.isEmpty() || !groups.containsAll(wanted)) {
      return ApiAnswer.invalidInput("group must be one of " + String.join(", ", groups));
    }
    return ApiAnswer.json(200, Map.of("token", authorizer.issue(wanted, Instant.now())));
  }

  private ApiAnswer setClock(IncomingRequest request) {
    try {
      JsonNode body = Json.mapper().readTree(request.body());
      if (body == null || !body.isObject() || body.size() != 1) {
        return ApiAnswer.invalidInput(
            "expected {\"now\": \"<ISO-8601 instant>\"} and nothing else");
      }
      String now = body.path("now").asText("");
      clock.set(instant(now));
      return ApiAnswer.json(200, Map.of("now", clock.instant().toString()));
    } catch (IOException | DateTimeParseException e) {
      return ApiAnswer.invalidInput("expected {\"now\": \"<ISO-8601 instant>\"}");
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  private ApiAnswer aggregate(IncomingRequest request) {
    if (scheduled == null) {
      return ApiAnswer.message(404, "template.yaml has no scheduled function");
    }
    byte[] event = null;
    if (!new String(request.body(), StandardCharsets.UTF_8).isBlank()) {
      try {
        Json.mapper().readTree(request.body());
      } catch (IOException e) {
        return ApiAnswer.invalidInput("the body must be the JSON event, e.g. {\"rebuild\": true}");
      }
      event = request.body();
    }
    try {
      byte[] output = scheduled.run(event);
      return ApiAnswer.of(200, "application/json", output);
    } catch (IOException | RuntimeException e) {
      return ApiAnswer.message(
          500,
          scheduled.function().name()
              + " failed: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
    }
  }

  /**
   * A file of the snapshot bucket as S3 serves it: its ETag and Last-Modified, {@code 304} when
   * {@code If-None-Match} names the ETag it has now (so an open dashboard that polls {@code
   * LATEST.json} downloads a file again only when a run changed it), and to HEAD the same headers
   * without the body. {@code no-cache}: a browser may keep a copy but asks each time.
   */
  private ApiAnswer snapshot(String rawKey, String ifNoneMatch) {
    String key = RouteTable.decode(rawKey);
    if (snapshotBucket == null || Arrays.asList(key.split("/")).contains("..")) {
      return ApiAnswer.message(404, "Not Found");
    }
    try {
      ResponseBytes<GetObjectResponse> object =
          s3.getObjectAsBytes(request -> request.bucket(snapshotBucket).key("snapshots/v1/" + key));
      String etag = object.response().eTag();
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("cache-control", "no-cache"));
      if (etag != null) {
        headers.add(Map.entry("etag", etag));
      }
      if (object.response().lastModified() != null) {
        headers.add(
            Map.entry(
                "last-modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    object.response().lastModified().atOffset(ZoneOffset.UTC))));
      }
      if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, etag)) {
        return new ApiAnswer(304, headers, new byte[0]);
      }
      return ApiAnswer.of(200, StaticFiles.contentType(key), object.asByteArray())
          .withHeaders(headers);
    } catch (NoSuchKeyException absent) {
      return ApiAnswer.message(404, "Not Found");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return ApiAnswer.message(404, "Not Found");
      }
      throw e;
    }
  }

  /** Whether an If-None-Match list ({@code "a", W/"b"} or {@code *}) names this ETag. */
  static boolean matches(String ifNoneMatch, String etag) {
    String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private ApiAnswer staticFile(String path) throws IOException {
    if (path.equals("/app")) {
      return new ApiAnswer(302, List.of(Map.entry("location", "/app/")), new byte[0]);
    }
    return app.serve(RouteTable.decode(path.substring("/app/".length())))
        .orElseGet(() -> ApiAnswer.message(404, "Not Found"));
  }

  private ApiAnswer openApi(String path) throws IOException {
    Path file = projectRoot.resolve("openapi.yaml");
    if (!Files.isRegularFile(file)) {
      return ApiAnswer.message(404, "Not Found");
    }
    String yaml = Files.readString(file);
    if (path.endsWith(".yaml")) {
      return ApiAnswer.of(200, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
    try {
      return ApiAnswer.of(
          200,
          "application/json",
          Json.mapper()
              .writer()
              .without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .withDefaultPrettyPrinter()
              .writeValueAsBytes(asDeployed(YamlReader.readMapping(yaml))));
    } catch (JsonProcessingException e) {
      throw new IOException("openapi.yaml could not be converted to JSON", e);
    }
  }

  /**
   * The document as this deployment answers, with what the repository's YAML cannot know: a
   * beacon's {@code site} is one of the configured sites and its {@code Origin} one of their
   * origins (a site's own, else 403); a campaign's {@code landingUrl} is on an allow-listed host. A
   * client generated from {@code /openapi.json} then sends what this deployment accepts.
   */
  private Map<String, Object> asDeployed(Map<String, Object> document) {
    if (!siteOrigins.isEmpty()) {
      at(document, "components", "schemas", "Beacon", "properties", "site")
          .put("enum", List.copyOf(new TreeSet<>(siteOrigins.keySet())));
      for (Object parameter :
          (List<?>) at(document, "paths", "/v1/beacons", "post").get("parameters")) {
        if (parameter instanceof Map<?, ?> map && "Origin".equals(map.get("name"))) {
          at(map, "schema").put("enum", List.copyOf(new TreeSet<>(siteOrigins.values())));
        }
      }
    }
    if (!landingHosts.isEmpty()) {
      String hosts =
          landingHosts.stream()
              .map(host -> host.replace(".", "\\."))
              .collect(Collectors.joining("|"));
      // As LandingHosts reads it: https, an allow-listed host, no port but 443, URI characters,
      // no utm_ parameter in the query (the redirect adds its own).
      String chars = "(%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!$&'()*+,;=:@/-])";
      at(document, "components", "schemas", "Campaign", "properties", "landingUrl")
          .put(
              "pattern",
              "^https://("
                  + hosts
                  + ")(:443)?(/"
                  + chars
                  + "*)?(\\?(?!utm_)(?!.*&utm_)("
                  + chars
                  + "|\\?)*)?(#("
                  + chars
                  + "|\\?)*)?$");
    }
    return document;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<?, ?> map, String... keys) {
    Map<?, ?> node = map;
    for (String key : keys) {
      node = (Map<?, ?>) node.get(key);
    }
    return (Map<String, Object>) node;
  }
}
