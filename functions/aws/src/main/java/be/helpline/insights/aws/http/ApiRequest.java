package be.helpline.insights.aws.http;

import be.helpline.insights.core.json.JsonReader;
import be.helpline.insights.core.json.JsonReader.Token;
import be.helpline.insights.core.json.JsonTree;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * An invocation's event, decoded: the request, or for a direct invocation ({@code {"operation":
   * …}} without a {@code routeKey}) the operation's name and an empty request.
   */
  public record Event(ApiRequest request, String operation) {
    public boolean isOperation() {
      return operation != null;
    }
  }

  /**
   * Decodes a payload 2.0 event token by token ({@link JsonReader}), building no tree: what an HTTP
   * function's first request reads, without the classes of a tree (issue 19). As strict as a tree
   * read (malformed JSON, duplicate keys, trailing content refused); each string field as a tree's
   * {@code asText} gives it (a number's literal, "true", "null" in a map and absent for a field, ""
   * for an object or array).
   */
  public static Event decode(byte[] json) throws IOException {
    JsonReader event = JsonReader.of(json);
    Fields fields = new Fields();
    boolean routeKeyPresent = false;
    String operation = null;
    if (event.next() == Token.START_OBJECT) {
      while (event.next() == Token.NAME) {
        String name = event.text();
        Token value = event.next();
        switch (name) {
          case "routeKey" -> {
            routeKeyPresent = true;
            fields.routeKey = text(event, value);
          }
          case "rawPath" -> fields.rawPath = text(event, value);
          case "rawQueryString" -> fields.rawQueryString = text(event, value);
          case "headers" -> fields.headers = strings(event, value);
          case "pathParameters" -> fields.pathParameters = strings(event, value);
          case "queryStringParameters" -> fields.queryParameters = strings(event, value);
          case "body" -> fields.body = text(event, value);
          case "isBase64Encoded" ->
              fields.base64 =
                  value == Token.TRUE || (value == Token.STRING && event.text().equals("true"));
          case "requestContext" -> context(event, value, fields);
          case "operation" -> operation = text(event, value);
          default -> event.skipChildren();
        }
      }
    } else {
      event.skipChildren();
    }
    if (event.next() != null) {
      throw new IOException("trailing content after the event");
    }
    byte[] body =
        fields.base64
            ? Base64.getDecoder().decode(fields.body)
            : fields.body.getBytes(StandardCharsets.UTF_8);
    ApiRequest request =
        new ApiRequest(
            fields.method,
            fields.routeKey,
            fields.rawPath,
            fields.rawQueryString,
            lowerCaseKeys(fields.headers),
            fields.pathParameters,
            fields.queryParameters,
            fields.claims,
            body,
            fields.requestId);
    return new Event(request, operation != null && !routeKeyPresent ? operation : null);
  }

  /** Decodes a payload 2.0 event given as a tree (tests and tools; the functions decode bytes). */
  public static ApiRequest from(JsonNode event) {
    try {
      return decode(JsonTree.bytes(event)).request();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What an event's fields hold so far; defaults as a tree's {@code path(...).asText("")}. */
  private static final class Fields {
    String method = "";
    String routeKey = "";
    String rawPath = "";
    String rawQueryString = "";
    Map<String, String> headers = Map.of();
    Map<String, String> pathParameters = Map.of();
    Map<String, String> queryParameters = Map.of();
    Map<String, String> claims = Map.of();
    String body = "";
    boolean base64;
    String requestId = "";
  }

  private static void context(JsonReader event, Token value, Fields fields) throws IOException {
    if (value != Token.START_OBJECT) {
      event.skipChildren();
      return;
    }
    while (event.next() == Token.NAME) {
      String name = event.text();
      Token member = event.next();
      switch (name) {
        case "requestId" -> fields.requestId = text(event, member);
        case "http" -> fields.method = member(event, member, "method");
        case "authorizer" -> fields.claims = claims(event, member);
        default -> event.skipChildren();
      }
    }
  }

  /** {@code {"jwt": {"claims": {…}}}}. */
  private static Map<String, String> claims(JsonReader event, Token value) throws IOException {
    Map<String, String> claims = Map.of();
    if (value != Token.START_OBJECT) {
      event.skipChildren();
      return claims;
    }
    while (event.next() == Token.NAME) {
      boolean jwt = event.text().equals("jwt");
      Token member = event.next();
      if (!jwt || member != Token.START_OBJECT) {
        event.skipChildren();
        continue;
      }
      while (event.next() == Token.NAME) {
        boolean isClaims = event.text().equals("claims");
        Token inner = event.next();
        if (isClaims) {
          claims = strings(event, inner);
        } else {
          event.skipChildren();
        }
      }
    }
    return claims;
  }

  /** One text member of an object value (the others skipped); "" when absent. */
  private static String member(JsonReader event, Token value, String wanted) throws IOException {
    String found = "";
    if (value != Token.START_OBJECT) {
      event.skipChildren();
      return found;
    }
    while (event.next() == Token.NAME) {
      boolean match = event.text().equals(wanted);
      Token member = event.next();
      if (match) {
        found = text(event, member);
      } else {
        event.skipChildren();
      }
    }
    return found;
  }

  /** A field's text: a string's, a scalar's literal; "" for null, an object or an array. */
  private static String text(JsonReader event, Token value) throws IOException {
    return switch (value) {
      case STRING, INTEGER, DECIMAL, TRUE, FALSE -> event.text();
      case START_OBJECT, START_ARRAY -> {
        event.skipChildren();
        yield "";
      }
      default -> "";
    };
  }

  /** An object of scalars as strings (null as "null"); any other value, an empty map. */
  private static Map<String, String> strings(JsonReader event, Token value) throws IOException {
    if (value != Token.START_OBJECT) {
      event.skipChildren();
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    while (event.next() == Token.NAME) {
      String name = event.text();
      Token member = event.next();
      values.put(name, member == Token.NULL ? "null" : text(event, member));
    }
    return values;
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

  // A loop rather than a lambda: each lambda's first use costs a cold start a generated class.
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
