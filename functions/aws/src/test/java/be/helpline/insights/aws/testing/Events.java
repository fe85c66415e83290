package be.helpline.insights.aws.testing;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
