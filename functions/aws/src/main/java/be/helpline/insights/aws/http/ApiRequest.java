package be.helpline.insights.aws.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a handler needs of an API Gateway HTTP API (payload format 2.0) event. Header names arrive
 * lower-cased and repeated headers comma-joined; JWT claims arrive as strings, an array claim as
 * "[a b]".
 */
public record ApiRequest(
    String method,
    String routeKey,
    String rawPath,
    String rawQueryString,
    Map<String, String> headers,
    Map<String, String> pathParameters,
    Map<String, String> queryParameters,
    Map<String, String> claims,
    byte[] body,
    String requestId) {

  public ApiRequest {
    headers = Map.copyOf(headers);
    pathParameters = Map.copyOf(pathParameters);
    queryParameters = Map.copyOf(queryParameters);
    claims = Map.copyOf(claims);
  }

  /** Decodes a payload 2.0 event. */
  public static ApiRequest from(JsonNode event) {
    JsonNode context = event.path("requestContext");
    String bodyText = event.path("body").asText("");
    byte[] body =
        event.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(bodyText)
            : bodyText.getBytes(StandardCharsets.UTF_8);
    return new ApiRequest(
        context.path("http").path("method").asText(""),
        event.path("routeKey").asText(""),
        event.path("rawPath").asText(""),
        event.path("rawQueryString").asText(""),
        lowerCaseKeys(strings(event.path("headers"))),
        strings(event.path("pathParameters")),
        strings(event.path("queryStringParameters")),
        strings(context.path("authorizer").path("jwt").path("claims")),
        body,
        context.path("requestId").asText(""));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public String pathParameter(String name) {
    return pathParameters.getOrDefault(name, "");
  }

  /**
   * The Cognito groups of the caller, parsed exactly as an HTTP API's JWT authorizer passes an
   * array claim: {@code "[a b]"}, the values joined by single spaces inside one pair of brackets (a
   * plain {@code "a"} when the claim is a string). A Cognito group name holds no whitespace but may
   * hold any punctuation, so only spaces separate names: {@code "[responder,coordinator]"} is one
   * group of that name, never two, and a name with brackets keeps them.
   */
  public Set<String> groups() {
    String raw = claims.getOrDefault("cognito:groups", "");
    if (raw.length() >= 2 && raw.startsWith("[") && raw.endsWith("]")) {
      raw = raw.substring(1, raw.length() - 1);
    }
    Set<String> groups = new HashSet<>();
    for (String group : raw.split(" ")) {
      if (!group.isEmpty()) {
        groups.add(group);
      }
    }
    return Set.copyOf(groups);
  }

  // Loops rather than lambdas here and above: each lambda's first use costs a cold start a
  // generated class (issue 19).
  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      values.put(entry.getKey(), entry.getValue().asText());
    }
    return values;
  }

  private static Map<String, String> lowerCaseKeys(Map<String, String> values) {
    Map<String, String> lowered = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String key = entry.getKey().toLowerCase(Locale.ROOT);
      String before = lowered.get(key);
      lowered.put(key, before == null ? entry.getValue() : before + "," + entry.getValue());
    }
    return lowered;
  }
}
