package be.helpline.insights.aws.http;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured log lines: an event name and a few key/values (ids, outcomes, counts; never payloads,
 * headers or the environment). With Lambda's JSON log format the runtime adds timestamp, level and
 * request id.
 */
public final class StructuredLog {
  private final LambdaLogger logger;

  private StructuredLog(LambdaLogger logger) {
    this.logger = logger;
  }

  public static StructuredLog of(LambdaLogger logger) {
    return new StructuredLog(logger);
  }

  public void info(String event, Object... keyValues) {
    logger.log(format(event, null, keyValues), LogLevel.INFO);
  }

  public void warn(String event, Object... keyValues) {
    logger.log(format(event, null, keyValues), LogLevel.WARN);
  }

  /**
   * Logs the error's class and message, never a request; the stack trace goes with it for 5xx
   * causes.
   */
  public void error(String event, Throwable error, Object... keyValues) {
    logger.log(format(event, error, keyValues), LogLevel.ERROR);
  }

  /**
   * Writes a CloudWatch Embedded Metric Format object as one line of its own, from which CloudWatch
   * extracts the metric.
   */
  public void metric(Object embeddedMetricFormat) {
    try {
      logger.log(Json.mapper().writeValueAsString(embeddedMetricFormat));
    } catch (JsonProcessingException e) {
      logger.log("{\"event\":\"metric_format_failed\"}", LogLevel.ERROR);
    }
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
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    if (error != null) {
      line.put("errorType", error.getClass().getName());
      line.put("errorMessage", String.valueOf(error.getMessage()));
    }
    try {
      return Json.mapper().writeValueAsString(line);
    } catch (JsonProcessingException e) {
      return "{\"event\":\"log_format_failed\"}";
    }
  }
}
