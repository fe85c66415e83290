package be.helpline.insights.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request to a declared route as HTTP API does: by method ({@code ANY} matches all; a GET
 * route does not answer HEAD) and path template ({@code {name}} takes one segment, {@code {name+}}
 * the rest), preferring the most specific route.
 */
final class RouteTable {
  private final List<Compiled> routes;

  /** A matched route and its path parameters (percent-decoded). */
  record Match(Template.Route route, Map<String, String> pathParameters) {}

  private record Compiled(Template.Route route, List<String> segments) {
    int literals() {
      return (int) segments.stream().filter(segment -> !segment.startsWith("{")).count();
    }

    boolean greedy() {
      return !segments.isEmpty() && segments.getLast().endsWith("+}");
    }
  }

  RouteTable(List<Template.Route> routes) {
    this.routes =
        routes.stream().map(route -> new Compiled(route, segments(route.path()))).toList();
  }

  Optional<Match> match(String method, String rawPath) {
    List<String> request = segments(rawPath);
    return routes.stream()
        .filter(
            compiled ->
                compiled.route().method().equals(method) || compiled.route().method().equals("ANY"))
        .map(compiled -> bind(compiled, request))
        .flatMap(Optional::stream)
        .max(
            Comparator.comparingInt((Bound bound) -> bound.compiled().literals())
                .thenComparing(bound -> !bound.compiled().greedy())
                .thenComparing(bound -> !bound.compiled().route().method().equals("ANY")))
        .map(bound -> new Match(bound.compiled().route(), bound.parameters()));
  }

  private record Bound(Compiled compiled, Map<String, String> parameters) {}

  private static Optional<Bound> bind(Compiled compiled, List<String> request) {
    List<String> template = compiled.segments();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.startsWith("{") && part.endsWith("+}")) {
        if (i >= request.size()) {
          return Optional.empty();
        }
        parameters.put(
            part.substring(1, part.length() - 2),
            decode(String.join("/", request.subList(i, request.size()))));
        return Optional.of(new Bound(compiled, parameters));
      }
      if (i >= request.size()) {
        return Optional.empty();
      }
      String actual = request.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        if (actual.isEmpty()) {
          return Optional.empty();
        }
        parameters.put(part.substring(1, part.length() - 1), decode(actual));
      } else if (!part.equals(actual)) {
        return Optional.empty();
      }
    }
    return template.size() == request.size()
        ? Optional.of(new Bound(compiled, parameters))
        : Optional.empty();
  }

  /** "/a/b/" is three segments, the last empty: HTTP API tells a trailing slash apart. */
  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return List.of(trimmed.split("/", -1));
  }

  /** Percent-decodes a path segment ('+' stays '+'); a malformed escape is passed on as sent. */
  static String decode(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }
}
