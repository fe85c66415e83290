package be.helpline.insights.click;

import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.core.error.NotImplementedException;
import java.time.Clock;
import java.util.Map;

/** Placeholder until its issue lands: the routes exist and answer 501. */
public final class ClickHandler extends HttpHandler {

  public ClickHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  /**
   * The composition root the local runner and the tests call: the environment and the clock to use.
   */
  public ClickHandler(Map<String, String> env, Clock clock) {
    // Configuration is read when the function is built.
  }

  @Override
  protected ApiResponse handle(ApiRequest request, StructuredLog log) {
    throw new NotImplementedException(request.routeKey() + " is not built yet");
  }
}
