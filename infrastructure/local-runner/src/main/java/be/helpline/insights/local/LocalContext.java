package be.helpline.insights.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The Lambda context of one local invocation: ids, limits from the template, the JSON logger. */
public final class LocalContext implements Context {
  private final String requestId;
  private final String functionName;
  private final String functionArn;
  private final int memoryMb;
  private final Instant deadline;
  private final Clock clock;
  private final LambdaLogger logger;

  LocalContext(
      String requestId,
      String functionName,
      String functionArn,
      int memoryMb,
      Instant deadline,
      Clock clock,
      LambdaLogger logger) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.functionArn = functionArn;
    this.memoryMb = memoryMb;
    this.deadline = deadline;
    this.clock = clock;
    this.logger = logger;
  }

  /**
   * The context of one in-process invocation outside the runner (a benchmark): the function's log
   * lines go to {@code sink} as the runner writes them.
   */
  public static Context of(String functionName, int memoryMb, Duration timeout, LogSink sink) {
    String requestId = UUID.randomUUID().toString();
    Clock clock = Clock.systemUTC();
    return new LocalContext(
        requestId,
        functionName,
        "arn:aws:lambda:eu-west-1:000000000000:function:" + functionName,
        memoryMb,
        clock.instant().plus(timeout),
        clock,
        new JsonLambdaLogger(sink, clock, functionName, requestId, LogLevel.INFO));
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long remaining = deadline.toEpochMilli() - clock.millis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
