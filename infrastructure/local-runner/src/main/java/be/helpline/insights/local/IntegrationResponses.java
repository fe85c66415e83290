package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns what a Lambda integration wrote into the HTTP answer, by payload format 2.0's rules: an
 * object with {@code statusCode} is a full response ({@code headers}, {@code multiValueHeaders},
 * {@code cookies}, {@code body}, {@code isBase64Encoded}); any other JSON is a 200 {@code
 * application/json} body.
 */
final class IntegrationResponses {
  private IntegrationResponses() {}

  /** The answer, or an IOException when the output is not JSON (API Gateway then answers 500). */
  static ApiAnswer parse(byte[] output) throws IOException {
    if (output.length == 0) {
      return ApiAnswer.empty(200);
    }
    JsonNode response = Json.mapper().readTree(output);
    if (response == null || !response.isObject() || !response.has("statusCode")) {
      return ApiAnswer.of(200, "application/json", output);
    }
    if (!response.get("statusCode").canConvertToInt()) {
      throw new IOException("statusCode is not a number");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    response
        .path("headers")
        .properties()
        .forEach(entry -> headers.add(Map.entry(entry.getKey(), entry.getValue().asText())));
    response
        .path("multiValueHeaders")
        .properties()
        .forEach(
            entry ->
                entry
                    .getValue()
                    .forEach(value -> headers.add(Map.entry(entry.getKey(), value.asText()))));
    response
        .path("cookies")
        .forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));
    JsonNode bodyNode = response.path("body");
    String body =
        bodyNode.isTextual()
            ? bodyNode.asText()
            : bodyNode.isMissingNode() || bodyNode.isNull() ? "" : bodyNode.toString();
    byte[] bytes =
        response.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    return new ApiAnswer(response.get("statusCode").asInt(), headers, bytes);
  }
}
