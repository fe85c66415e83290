package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The runner's own log lines. The access line carries what API Gateway's access log does in this
 * project: request id, route key, status and latency, never a path, query string, address, user
 * agent or header.
 */
final class RunnerLog {
  private final LogSink sink;
  private final Clock clock;

  RunnerLog(LogSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  void access(String requestId, String routeKey, int status, long latencyMs) {
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("requestId", requestId);
    line.put("routeKey", routeKey);
    line.put("status", status);
    line.put("latencyMs", latencyMs);
    sink.write(JsonLambdaLogger.toJson(line));
  }

  void info(String message, String function) {
    write("INFO", message, function, null);
  }

  void error(String message, String function, Throwable error) {
    write("ERROR", message, function, error);
  }

  private void write(String level, String message, String function, Throwable error) {
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    line.put("level", level);
    line.put("message", message);
    if (function != null) {
      line.put("function", function);
    }
    if (error != null) {
      line.put("errorType", error.getClass().getName());
      line.put("errorMessage", String.valueOf(error.getMessage()));
    }
    line.put("source", "local-runner");
    sink.write(JsonLambdaLogger.toJson(line));
  }
}
