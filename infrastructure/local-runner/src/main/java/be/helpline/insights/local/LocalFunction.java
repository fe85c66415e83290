package be.helpline.insights.local;

import be.helpline.insights.local.support.InvocationContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * One function of the template, built once through its composition root {@code (Map<String,String>
 * env, Clock clock)} and then invoked in-process with stream events, as Lambda's Java runtime does.
 * The instance is shared by concurrent requests, so handlers are expected to be thread-safe (they
 * hold only immutable collaborators and SDK clients).
 */
final class LocalFunction {
  private final Template.Function spec;
  private final RequestStreamHandler handler;
  private final String arn;
  private final LogSink sink;
  private final LogLevel minimumLevel;

  private LocalFunction(
      Template.Function spec, RequestStreamHandler handler, String arn, LogSink sink) {
    this.spec = spec;
    this.handler = handler;
    this.arn = arn;
    this.sink = sink;
    this.minimumLevel = JsonLambdaLogger.level(spec.applicationLogLevel());
  }

  /** Builds the handler with the function's environment and the runner's clock; fails fast. */
  static LocalFunction create(
      Template.Function spec, Map<String, String> env, Clock clock, LogSink sink, String region) {
    if (!spec.handlerMethod().equals("handleRequest")) {
      throw new IllegalStateException(
          spec.logicalId() + ": Handler must name handleRequest, got " + spec.handlerMethod());
    }
    Class<?> type;
    try {
      type = Class.forName(spec.handlerClass());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          spec.logicalId() + ": handler class " + spec.handlerClass() + " is not on the classpath",
          e);
    }
    if (!RequestStreamHandler.class.isAssignableFrom(type)) {
      throw new IllegalStateException(
          spec.handlerClass() + " does not implement RequestStreamHandler");
    }
    try {
      Object handler =
          type.getConstructor(Map.class, Clock.class).newInstance(Map.copyOf(env), clock);
      String arn =
          "arn:aws:lambda:"
              + region
              + ":"
              + Intrinsics.ACCOUNT_ID
              + ":function:"
              + spec.logicalId();
      return new LocalFunction(spec, (RequestStreamHandler) handler, arn, sink);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          spec.handlerClass() + " has no public (Map<String,String>, Clock) constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          spec.logicalId() + " failed to initialise: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(spec.logicalId() + " could not be built", e);
    }
  }

  String name() {
    return spec.logicalId();
  }

  Template.Function spec() {
    return spec;
  }

  /**
   * Invokes the handler with {@code event} and returns what it wrote. An exception from the handler
   * is logged as Lambda logs a failed invocation, then rethrown to the caller.
   */
  byte[] invoke(byte[] event) throws IOException {
    String requestId = UUID.randomUUID().toString();
    Clock realTime = Clock.systemUTC();
    JsonLambdaLogger logger =
        new JsonLambdaLogger(sink, realTime, spec.logicalId(), requestId, minimumLevel);
    InvocationContext context =
        new InvocationContext(
            requestId,
            spec.logicalId(),
            arn,
            spec.memoryMb(),
            realTime.instant().plus(Duration.ofSeconds(spec.timeoutSeconds())),
            realTime,
            logger);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException | RuntimeException | Error e) {
      logger.log("Invoke Error: " + e.getClass().getName() + ": " + e.getMessage(), LogLevel.ERROR);
      throw e;
    }
    return output.toByteArray();
  }
}
