package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An answer the runner sends: status, headers in order (a name may repeat) and body bytes. */
record ApiAnswer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

  ApiAnswer {
    headers = List.copyOf(headers);
  }

  static ApiAnswer of(int status, String contentType, byte[] body) {
    return new ApiAnswer(status, List.of(Map.entry("content-type", contentType)), body);
  }

  static ApiAnswer json(int status, Object value) {
    try {
      return of(status, "application/json", Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** API Gateway's own error answers: {@code {"message": "..."}}. */
  static ApiAnswer message(int status, String message) {
    return json(status, Map.of("message", message));
  }

  /** A 400 of the runner's own routes, in the API's error shape ({@code Error} in openapi.yaml). */
  static ApiAnswer invalidInput(String message) {
    return json(400, Map.of("error", "invalid_input", "message", message));
  }

  static ApiAnswer empty(int status) {
    return new ApiAnswer(status, List.of(), new byte[0]);
  }

  ApiAnswer withHeaders(List<Map.Entry<String, String>> more) {
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    all.addAll(more);
    return new ApiAnswer(status, all, body);
  }

  ApiAnswer withoutHeadersStartingWith(String prefix) {
    return new ApiAnswer(
        status,
        headers.stream()
            .filter(header -> !header.getKey().toLowerCase(Locale.ROOT).startsWith(prefix))
            .toList(),
        body);
  }

  String header(String name) {
    return headers.stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
