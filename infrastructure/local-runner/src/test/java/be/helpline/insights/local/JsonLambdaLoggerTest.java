package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLambdaLoggerTest {
  private final List<String> lines = new ArrayList<>();
  private final JsonLambdaLogger logger =
      new JsonLambdaLogger(
          lines::add,
          Clock.fixed(Instant.parse("2026-01-10T10:00:00.123456Z"), ZoneOffset.UTC),
          "BeaconFunction",
          "req-1",
          LogLevel.INFO);

  @Test
  void everyCall_writesOneJsonLineInLambdasJsonFormat() throws Exception {
    logger.log("{\"event\":\"beacon_counted\"}\n", LogLevel.WARN);

    assertThat(lines).hasSize(1);
    JsonNode line = Json.mapper().readTree(lines.getFirst());
    assertThat(line.path("timestamp").asText()).isEqualTo("2026-01-10T10:00:00.123Z");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("message").asText()).isEqualTo("{\"event\":\"beacon_counted\"}");
    assertThat(line.path("requestId").asText()).isEqualTo("req-1");
    assertThat(line.path("function").asText()).isEqualTo("BeaconFunction");
  }

  @Test
  void logWithoutLevel_isWrittenAsInfo() throws Exception {
    logger.log("plain");
    logger.log("bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(lines).hasSize(2);
    assertThat(Json.mapper().readTree(lines.getFirst()).path("level").asText()).isEqualTo("INFO");
  }

  @Test
  void levelsBelowTheApplicationLogLevel_areDropped() {
    logger.log("noise", LogLevel.DEBUG);
    logger.log("more noise", LogLevel.TRACE);
    logger.log("kept", LogLevel.ERROR);

    assertThat(lines).hasSize(1);
  }
}
