package be.helpline.insights.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.api.client.logging.LambdaContextLogger;
import com.amazonaws.services.lambda.runtime.api.client.logging.LogSink;
import com.amazonaws.services.lambda.runtime.api.client.util.LambdaOutputStream;
import com.amazonaws.services.lambda.runtime.logging.LogFormat;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What CloudWatch receives from a function under Lambda's JSON log format, through the Java
 * runtime's own classes (aws-lambda-java-runtime-interface-client): its logger wraps a line in its
 * JSON formatter's {@code message} string, its standard output passes a line through as it is.
 */
class StructuredLogTest {
  private static final Object CLICK_COUNT_LOST =
      StructuredLog.count(1_780_000_000_000L, "click", "ClickCountLost", 1);

  /**
   * Standard output as the runtime sets it up: {@code System.out} behind its LambdaOutputStream.
   */
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private final PrintStream runtimeOut =
      new PrintStream(new LambdaOutputStream(stdout), true, StandardCharsets.UTF_8);

  private List<JsonNode> lines(byte[] bytes) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(Json.mapper().readTree(line));
      }
    }
    return lines;
  }

  @Test
  void underTheJsonFormat_aMetricReachesCloudWatchWithItsEmbeddedMetricFormatAtTheTopLevel()
      throws Exception {
    StructuredLog.toStandardOutput(runtimeOut, "req-1").metric(CLICK_COUNT_LOST);

    List<JsonNode> lines = lines(stdout.toByteArray());
    assertThat(lines).hasSize(1);
    JsonNode metric = lines.getFirst();
    JsonNode directive = metric.path("_aws").path("CloudWatchMetrics").path(0);
    assertThat(metric.path("_aws").path("Timestamp").asLong()).isEqualTo(1_780_000_000_000L);
    assertThat(directive.path("Namespace").asText()).isEqualTo("HelplineInsights");
    assertThat(directive.path("Metrics").path(0).path("Name").asText()).isEqualTo("ClickCountLost");
    // The dimension and the value are top-level members, as the format requires.
    assertThat(metric.path("Function").asText()).isEqualTo("click");
    assertThat(metric.path("ClickCountLost").asLong()).isEqualTo(1);
  }

  @Test
  void underTheJsonFormat_aLogLineHasItsFieldsAtTheTopLevel() throws Exception {
    StructuredLog log = StructuredLog.toStandardOutput(runtimeOut, "req-2");
    log.info("request", "route", "POST /v1/beacons", "status", 202);
    log.error("request_failed", new IllegalStateException("boom"), "status", 500);

    List<JsonNode> lines = lines(stdout.toByteArray());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
    assertThat(lines.get(0).path("requestId").asText()).isEqualTo("req-2");
    assertThat(lines.get(0).path("event").asText()).isEqualTo("request");
    assertThat(lines.get(0).path("status").asInt()).isEqualTo(202);
    assertThat(lines.get(0).path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(lines.get(1).path("level").asText()).isEqualTo("ERROR");
    assertThat(lines.get(1).path("errorType").asText()).endsWith("IllegalStateException");
  }

  @Test
  void theRuntimesLoggerUnderTheJsonFormat_wrapsTheLineInAStringSoNoMetricWouldBeMade()
      throws Exception {
    // Why the lines bypass LambdaLogger there: the runtime's logger, with its JSON formatter.
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    LogSink sink =
        new LogSink() {
          @Override
          public void log(byte[] message) {
            framed.writeBytes(message);
          }

          @Override
          public void log(LogLevel level, LogFormat format, byte[] message) {
            framed.writeBytes(message);
          }

          @Override
          public void close() {}
        };
    try (LambdaContextLogger logger =
        new LambdaContextLogger(sink, LogLevel.INFO, LogFormat.JSON)) {
      StructuredLog.of(logger).metric(CLICK_COUNT_LOST);
    }

    List<JsonNode> lines = lines(framed.toByteArray());
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst().has("_aws")).isFalse();
    assertThat(lines.getFirst().path("message").isTextual()).isTrue();
    assertThat(lines.getFirst().path("message").asText()).contains("\"_aws\"");
  }
}
