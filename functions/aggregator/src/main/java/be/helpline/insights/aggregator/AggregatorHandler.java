package be.helpline.insights.aggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/** Placeholder: replaced by the real aggregator in this same change. */
public final class AggregatorHandler implements RequestStreamHandler {

  public AggregatorHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  public AggregatorHandler(Map<String, String> env, Clock clock) {}

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {
    throw new UnsupportedOperationException("not yet");
  }
}
