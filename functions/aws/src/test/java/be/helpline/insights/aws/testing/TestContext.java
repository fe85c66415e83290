package be.helpline.insights.aws.testing;

import be.helpline.insights.local.support.InvocationContext;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Lambda context whose logger keeps every line, so tests can read what a handler logged. */
public final class TestContext extends InvocationContext {
  private final List<String> lines;

  public TestContext() {
    this(Collections.synchronizedList(new ArrayList<>()));
  }

  private TestContext(List<String> lines) {
    super(
        "test-request",
        "test",
        "arn:aws:lambda:eu-west-1:000000000000:function:test",
        1024,
        Clock.systemUTC().instant().plus(Duration.ofMinutes(15)),
        Clock.systemUTC(),
        recorder(lines));
    this.lines = lines;
  }

  public List<String> logLines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  private static LambdaLogger recorder(List<String> lines) {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        lines.add(message);
      }

      @Override
      public void log(byte[] message) {
        lines.add(new String(message, StandardCharsets.UTF_8));
      }

      @Override
      public void log(String message, LogLevel level) {
        lines.add(level + " " + message);
      }
    };
  }
}
