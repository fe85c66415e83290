package be.helpline.insights.bench.launch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A floor: the least a handler can do to give the same first answer as a function. Its constructor
 * builds the function's client (Lambda's init phase); {@code handleRequest} makes the function's
 * first AWS call(s) and writes a constant answer. The event is not read: that is the function's own
 * work.
 */
abstract class FloorHandler implements RequestStreamHandler {
  /** The AWS call(s); returns what to answer. */
  abstract String call();

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    output.write(call().getBytes(StandardCharsets.UTF_8));
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException("missing environment variable " + name);
    }
    return value;
  }
}
