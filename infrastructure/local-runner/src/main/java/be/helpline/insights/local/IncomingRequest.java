package be.helpline.insights.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the runner received it, before it becomes an API Gateway event: header names
 * as sent (each with every value it was sent with), the path and query string still
 * percent-encoded.
 */
record IncomingRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String sourceIp,
    String protocol) {

  IncomingRequest {
    rawQuery = rawQuery == null ? "" : rawQuery;
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** Every value of a header (name case-insensitive), comma-joined as API Gateway joins them. */
  Optional<String> header(String name) {
    List<String> values =
        headers.entrySet().stream()
            .filter(entry -> entry.getKey().equalsIgnoreCase(name))
            .flatMap(entry -> entry.getValue().stream())
            .toList();
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
  }
}
