package be.helpline.insights.aws.testing;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real-shaped events of the repository's {@code events/} folder, on the test classpath. */
public final class Events {
  private Events() {}

  public static ObjectNode load(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event events/" + name);
      }
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Invokes a handler as the Lambda runtime does: the event as JSON in, its answer as JSON out. */
  public static JsonNode invoke(RequestStreamHandler handler, JsonNode event, Context context)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Json.mapper().writeValueAsBytes(event)), out, context);
    return Json.mapper().readTree(out.toByteArray());
  }
}
