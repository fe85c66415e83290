package be.helpline.insights.local;

import be.helpline.insights.local.support.InvocationContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Lambda contexts for invocations the runner does not route: a benchmark's, say. */
public final class LocalContext {
  private LocalContext() {}

  /**
   * The context of one in-process invocation outside the runner (a benchmark): the function's log
   * lines go to {@code sink} as the runner writes them.
   */
  public static Context of(String functionName, int memoryMb, Duration timeout, LogSink sink) {
    String requestId = UUID.randomUUID().toString();
    Clock clock = Clock.systemUTC();
    return new InvocationContext(
        requestId,
        functionName,
        "arn:aws:lambda:eu-west-1:000000000000:function:" + functionName,
        memoryMb,
        clock.instant().plus(timeout),
        clock,
        new JsonLambdaLogger(sink, clock, functionName, requestId, LogLevel.INFO));
  }
}
