package be.helpline.insights.aws.http;

import be.helpline.insights.core.json.JsonTree;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured log lines: an event name and a few key/values (ids, outcomes, counts; never payloads,
 * headers or the environment), one JSON object per line.
 *
 * <p>Where they go depends on the function's log format. With Lambda's JSON format ({@code
 * AWS_LAMBDA_LOG_FORMAT=JSON}) the runtime's own JSON formatter would put whatever is given to
 * {@link LambdaLogger} into a string under its {@code message} field, so CloudWatch would find no
 * Embedded Metric Format document at the top level and make no metric, and a query on {@code event}
 * would find nothing. So in that format the lines go to standard output, which the runtime passes
 * through untouched, each with {@code timestamp}, {@code level} and {@code requestId} of its own
 * ({@code StructuredLogTest} runs both paths through the runtime interface client's classes).
 * Otherwise (text format, the local runner, tests) they go to the context's logger.
 */
public final class StructuredLog {
  /** Set by Lambda for the function's life: read once, not on every request. */
  private static final boolean JSON_LOG_FORMAT =
      "JSON".equals(System.getenv("AWS_LAMBDA_LOG_FORMAT"));

  private final LambdaLogger logger;
  private final PrintStream out;
  private final String requestId;

  private StructuredLog(LambdaLogger logger, PrintStream out, String requestId) {
    this.logger = logger;
    this.out = out;
    this.requestId = requestId;
  }

  /** The log of an invocation: see the class comment for where its lines go. */
  public static StructuredLog of(Context context) {
    if (JSON_LOG_FORMAT) {
      return toStandardOutput(System.out, context.getAwsRequestId());
    }
    return of(context.getLogger());
  }

  /** Lines through a logger (Lambda's text format, the local runner, tests). */
  public static StructuredLog of(LambdaLogger logger) {
    return new StructuredLog(logger, null, null);
  }

  /** Lines printed whole to {@code out}, as under Lambda's JSON log format. */
  public static StructuredLog toStandardOutput(PrintStream out, String requestId) {
    return new StructuredLog(null, out, requestId);
  }

  public void info(String event, Object... keyValues) {
    write(LogLevel.INFO, event, null, keyValues);
  }

  public void warn(String event, Object... keyValues) {
    write(LogLevel.WARN, event, null, keyValues);
  }

  /** Logs the error's class and message, never a request. */
  public void error(String event, Throwable error, Object... keyValues) {
    write(LogLevel.ERROR, event, error, keyValues);
  }

  /**
   * Writes a CloudWatch Embedded Metric Format object as one line of its own, from which CloudWatch
   * extracts the metric.
   */
  public void metric(Object embeddedMetricFormat) {
    String line;
    try {
      line = JsonTree.text(embeddedMetricFormat);
    } catch (UncheckedIOException e) {
      write(LogLevel.ERROR, "metric_format_failed", null);
      return;
    }
    if (out != null) {
      out.println(line);
    } else {
      logger.log(line);
    }
  }

  private void write(LogLevel level, String event, Throwable error, Object... keyValues) {
    if (out == null) {
      logger.log(format(event, error, keyValues), level);
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level.name());
    line.put("requestId", requestId);
    out.println(format(line, event, error, keyValues));
  }

  /**
   * A count in the {@code HelplineInsights} namespace, by {@code Function}, in Embedded Metric
   * Format.
   */
  public static java.util.Map<String, Object> count(
      long timestampMillis, String function, String metric, long value) {
    return java.util.Map.of(
        "_aws",
        java.util.Map.of(
            "Timestamp",
            timestampMillis,
            "CloudWatchMetrics",
            java.util.List.of(
                java.util.Map.of(
                    "Namespace",
                    "HelplineInsights",
                    "Dimensions",
                    java.util.List.of(java.util.List.of("Function")),
                    "Metrics",
                    java.util.List.of(java.util.Map.of("Name", metric, "Unit", "Count"))))),
        "Function",
        function,
        metric,
        value);
  }

  static String format(String event, Throwable error, Object... keyValues) {
    return format(new LinkedHashMap<>(), event, error, keyValues);
  }

  private static String format(
      Map<String, Object> line, String event, Throwable error, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    line.put("event", event);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    if (error != null) {
      line.put("errorType", error.getClass().getName());
      line.put("errorMessage", String.valueOf(error.getMessage()));
    }
    try {
      return JsonTree.text(line);
    } catch (UncheckedIOException e) {
      return "{\"event\":\"log_format_failed\"}";
    }
  }
}
