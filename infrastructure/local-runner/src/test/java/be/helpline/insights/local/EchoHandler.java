package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * A test function: answers 200 with the event it received, the time its clock shows and its env.
 */
public final class EchoHandler implements RequestStreamHandler {
  private final Map<String, String> env;
  private final Clock clock;

  public EchoHandler(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = Json.mapper().readTree(input);
    context.getLogger().log("echo", com.amazonaws.services.lambda.runtime.logging.LogLevel.INFO);
    ObjectNode body = Json.mapper().createObjectNode();
    body.set("event", event);
    body.put("now", clock.instant().toString());
    body.put("region", env.get("AWS_REGION"));
    body.put("function", context.getFunctionName());
    ObjectNode response = Json.mapper().createObjectNode();
    response.put("statusCode", 200);
    ObjectNode headers = response.putObject("headers");
    headers.put("content-type", "application/json");
    headers.put("access-control-allow-origin", "*");
    response.put("body", Json.mapper().writeValueAsString(body));
    response.put("isBase64Encoded", false);
    Json.mapper().writeValue(output, (JsonNode) response);
  }
}
