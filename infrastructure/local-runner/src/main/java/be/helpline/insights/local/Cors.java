package be.helpline.insights.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API's CorsConfiguration, applied as API Gateway applies it: it answers preflight
 * requests itself, adds the CORS headers to every answer for an allowed origin, and ignores CORS
 * headers that an integration returns.
 */
final class Cors {
  private final List<String> origins;
  private final List<String> methods;
  private final List<String> headers;
  private final List<String> exposeHeaders;
  private final String maxAge;
  private final boolean credentials;

  private Cors(
      List<String> origins,
      List<String> methods,
      List<String> headers,
      List<String> exposeHeaders,
      String maxAge,
      boolean credentials) {
    this.origins = origins;
    this.methods = methods;
    this.headers = headers;
    this.exposeHeaders = exposeHeaders;
    this.maxAge = maxAge;
    this.credentials = credentials;
  }

  /** From a resolved CorsConfiguration; an empty one allows no origin. */
  static Cors from(Map<String, Object> configuration) {
    return new Cors(
        strings(configuration.get("AllowOrigins")),
        strings(configuration.get("AllowMethods")).stream()
            .map(method -> method.toUpperCase(Locale.ROOT))
            .toList(),
        strings(configuration.get("AllowHeaders")).stream()
            .map(header -> header.toLowerCase(Locale.ROOT))
            .toList(),
        strings(configuration.get("ExposeHeaders")),
        configuration.get("MaxAge") == null ? null : String.valueOf(configuration.get("MaxAge")),
        Boolean.parseBoolean(String.valueOf(configuration.get("AllowCredentials"))));
  }

  static boolean isPreflight(IncomingRequest request) {
    return request.method().equals("OPTIONS")
        && request.header("origin").isPresent()
        && request.header("access-control-request-method").isPresent();
  }

  /** The preflight answer's headers: none unless the origin, method and headers are all allowed. */
  List<Map.Entry<String, String>> preflight(IncomingRequest request) {
    String origin = request.header("origin").orElse("");
    String method = request.header("access-control-request-method").orElse("").trim();
    List<String> requested =
        Arrays.stream(request.header("access-control-request-headers").orElse("").split(","))
            .map(header -> header.trim().toLowerCase(Locale.ROOT))
            .filter(header -> !header.isEmpty())
            .toList();
    if (!originAllowed(origin)
        || !(methods.contains("*") || methods.contains(method.toUpperCase(Locale.ROOT)))
        || !(headers.contains("*") || headers.containsAll(requested))) {
      return List.of();
    }
    List<Map.Entry<String, String>> answer = new ArrayList<>();
    answer.add(Map.entry("access-control-allow-origin", allowOrigin(origin)));
    answer.add(
        Map.entry(
            "access-control-allow-methods",
            methods.contains("*") ? method : String.join(",", methods)));
    if (!requested.isEmpty() || !headers.isEmpty()) {
      answer.add(
          Map.entry(
              "access-control-allow-headers",
              headers.contains("*") ? String.join(",", requested) : String.join(",", headers)));
    }
    if (maxAge != null) {
      answer.add(Map.entry("access-control-max-age", maxAge));
    }
    if (credentials) {
      answer.add(Map.entry("access-control-allow-credentials", "true"));
    }
    answer.add(Map.entry("vary", "Origin"));
    return answer;
  }

  /** The headers an actual answer gets: allow-origin and expose-headers for an allowed origin. */
  List<Map.Entry<String, String>> actual(IncomingRequest request) {
    List<Map.Entry<String, String>> answer = new ArrayList<>();
    request
        .header("origin")
        .filter(this::originAllowed)
        .ifPresent(
            origin -> {
              answer.add(Map.entry("access-control-allow-origin", allowOrigin(origin)));
              if (!exposeHeaders.isEmpty()) {
                answer.add(
                    Map.entry("access-control-expose-headers", String.join(",", exposeHeaders)));
              }
              if (credentials) {
                answer.add(Map.entry("access-control-allow-credentials", "true"));
              }
            });
    if (!origins.isEmpty()) {
      answer.add(Map.entry("vary", "Origin"));
    }
    return answer;
  }

  private boolean originAllowed(String origin) {
    return !origin.isEmpty() && (origins.contains("*") || origins.contains(origin));
  }

  private String allowOrigin(String origin) {
    return origins.contains("*") && !credentials ? "*" : origin;
  }

  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).map(String::trim).toList();
    }
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(String.valueOf(value).split(",")).map(String::trim).toList();
  }
}
