package be.helpline.insights.bench.launch;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A diagnosis, not a floor: a floor plus the JSON work every function does with the project's one
 * mapper ({@code core.json.Json}): read the event into a tree, write the answer from a tree. The
 * gap between this and the floor is what Jackson costs a cold start.
 */
final class JacksonWork {
  private JacksonWork() {}

  static void around(RequestStreamHandler floor, byte[] event, OutputStream output, Context context)
      throws IOException {
    JsonNode request = Json.mapper().readTree(event);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    floor.handleRequest(new ByteArrayInputStream(event), body, context);
    ObjectNode answer = Json.mapper().createObjectNode();
    answer.put("statusCode", 200);
    answer.putObject("headers").put("content-type", "application/json");
    answer.put("body", body.toString(StandardCharsets.UTF_8));
    answer.put("isBase64Encoded", false);
    answer.put("routeKey", request.path("routeKey").asText());
    Json.mapper().writeValue(output, (JsonNode) answer);
  }
}
