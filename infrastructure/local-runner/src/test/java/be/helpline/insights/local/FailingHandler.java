package be.helpline.insights.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** A test function that always fails. */
public final class FailingHandler implements RequestStreamHandler {

  public FailingHandler(Map<String, String> env, Clock clock) {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    throw new IllegalStateException("boom");
  }
}
