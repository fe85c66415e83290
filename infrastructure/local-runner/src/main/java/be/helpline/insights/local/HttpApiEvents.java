package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event for a request, in the details handlers
 * rely on: lower-cased header names with repeated headers comma-joined, cookies split out of the
 * Cookie header (which is then dropped), the raw path and query string, decoded query and path
 * parameters (repeated query parameters comma-joined), the JWT claims of authorized routes, and the
 * body base64 encoded unless its content type is textual.
 */
final class HttpApiEvents {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final String apiId;

  HttpApiEvents(String apiId) {
    this.apiId = apiId;
  }

  /**
   * What the JWT authorizer passes on: claims as strings, and the token's scopes (null if none).
   */
  record Authorization(Map<String, String> claims, List<String> scopes) {}

  ObjectNode event(
      IncomingRequest request,
      RouteTable.Match match,
      String requestId,
      Instant now,
      Authorization authorization) {
    String routeKey = match.route().routeKey();
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(cookiesOf(value)));
              } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
              }
            });
    headers.merge("x-forwarded-for", request.sourceIp(), (sent, ip) -> sent + ", " + ip);
    headers.putIfAbsent("x-forwarded-proto", "http");

    ObjectNode event = Json.mapper().createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", request.rawPath());
    event.put("rawQueryString", request.rawQuery());
    if (!cookies.isEmpty()) {
      ArrayNode array = event.putArray("cookies");
      cookies.forEach(array::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);
    Map<String, String> query = queryParameters(request.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode queryNode = event.putObject("queryStringParameters");
      query.forEach(queryNode::put);
    }

    String domainName = domainName(headers.get("host"));
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", Intrinsics.ACCOUNT_ID);
    context.put("apiId", apiId);
    if (authorization != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode claims = jwt.putObject("claims");
      authorization.claims().forEach(claims::put);
      if (authorization.scopes() == null) {
        jwt.putNull("scopes");
      } else {
        ArrayNode scopes = jwt.putArray("scopes");
        authorization.scopes().forEach(scopes::add);
      }
    }
    context.put("domainName", domainName);
    context.put("domainPrefix", domainName.split("\\.", 2)[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", request.rawPath());
    http.put("protocol", request.protocol());
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", headers.getOrDefault("user-agent", ""));
    context.put("requestId", requestId);
    context.put("routeKey", routeKey);
    context.put("stage", "$default");
    context.put("time", REQUEST_TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());

    if (!match.pathParameters().isEmpty()) {
      ObjectNode parameters = event.putObject("pathParameters");
      match.pathParameters().forEach(parameters::put);
    }
    boolean base64 = request.body().length > 0 && !isText(headers.get("content-type"));
    if (request.body().length > 0) {
      event.put(
          "body",
          base64
              ? Base64.getEncoder().encodeToString(request.body())
              : new String(request.body(), StandardCharsets.UTF_8));
    }
    event.put("isBase64Encoded", base64);
    return event;
  }

  /**
   * Textual bodies reach the handler as they are; anything else (no content type too) as base64.
   */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"))
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/xml");
  }

  /** Decoded query parameters, a repeated name's values comma-joined. */
  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static String decodeQuery(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  private static List<String> cookiesOf(String header) {
    List<String> cookies = new ArrayList<>();
    for (String cookie : header.split(";")) {
      if (!cookie.isBlank()) {
        cookies.add(cookie.trim());
      }
    }
    return cookies;
  }

  private static String domainName(String host) {
    if (host == null || host.isBlank()) {
      return "localhost";
    }
    return host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
  }
}
