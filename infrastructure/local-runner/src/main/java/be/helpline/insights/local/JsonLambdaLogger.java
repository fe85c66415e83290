package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The logger a local invocation gets: one JSON line per call, as Lambda writes with its JSON log
 * format ({@code {"timestamp","level","message","requestId","function"}}), dropping levels below
 * the function's ApplicationLogLevel. A call without a level is always written, as INFO.
 */
final class JsonLambdaLogger implements LambdaLogger {
  private final LogSink sink;
  private final Clock clock;
  private final String function;
  private final String requestId;
  private final LogLevel minimum;

  JsonLambdaLogger(LogSink sink, Clock clock, String function, String requestId, LogLevel minimum) {
    this.sink = sink;
    this.clock = clock;
    this.function = function;
    this.requestId = requestId;
    this.minimum = minimum;
  }

  /** Parses a template's ApplicationLogLevel; anything unknown keeps everything. */
  static LogLevel level(String name) {
    try {
      return LogLevel.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return LogLevel.TRACE;
    }
  }

  @Override
  public void log(String message) {
    log(message, LogLevel.UNDEFINED);
  }

  @Override
  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
  }

  @Override
  public void log(byte[] message, LogLevel level) {
    log(new String(message, StandardCharsets.UTF_8), level);
  }

  @Override
  public void log(String message, LogLevel level) {
    LogLevel effective = level == null || level == LogLevel.UNDEFINED ? LogLevel.INFO : level;
    if (level != null && level != LogLevel.UNDEFINED && effective.ordinal() < minimum.ordinal()) {
      return;
    }
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("level", effective.name());
    line.put("message", message == null ? "" : message.stripTrailing());
    line.put("requestId", requestId);
    line.put("function", function);
    sink.write(toJson(line));
  }

  static String toJson(ObjectNode line) {
    try {
      return Json.mapper().writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
