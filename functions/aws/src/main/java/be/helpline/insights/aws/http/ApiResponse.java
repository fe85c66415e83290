package be.helpline.insights.aws.http;

import be.helpline.insights.core.json.JsonTree;
import be.helpline.insights.core.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API (payload 2.0) answer. Every answer carries a status code; none sets a cookie. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse json(int statusCode, Object value) {
    return new ApiResponse(
        statusCode,
        Map.of("content-type", "application/json", "cache-control", "no-store"),
        JsonTree.text(value));
  }

  /** A JSON answer written by a {@link JsonWriter} (its text). */
  public static ApiResponse json(int statusCode, JsonWriter body) {
    return new ApiResponse(
        statusCode,
        Map.of("content-type", "application/json", "cache-control", "no-store"),
        body.toString());
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, Map.of("cache-control", "no-store"), "");
  }

  public static ApiResponse redirect(String location) {
    return new ApiResponse(
        302,
        Map.of("location", location, "cache-control", "no-store", "referrer-policy", "no-referrer"),
        "");
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> merged = new LinkedHashMap<>(headers);
    merged.put(name, value);
    return new ApiResponse(statusCode, merged, body);
  }
}
