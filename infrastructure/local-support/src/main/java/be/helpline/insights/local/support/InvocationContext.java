package be.helpline.insights.local.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Instant;

/**
 * The Lambda context of one invocation outside Lambda (the local runner, a benchmark, a test): the
 * function's name and memory, a deadline read against a clock, and the logger the function writes
 * to. Open to subclassing only so a test can keep the logger's lines.
 */
public class InvocationContext implements Context {
  private final String requestId;
  private final String functionName;
  private final String functionArn;
  private final int memoryMb;
  private final Instant deadline;
  private final Clock clock;
  private final LambdaLogger logger;

  public InvocationContext(
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
