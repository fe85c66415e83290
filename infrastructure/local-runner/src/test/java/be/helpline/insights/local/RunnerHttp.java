package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * What an end-to-end test does on a private runner's HTTP API as staff and as the clock's owner: a
 * sign-in token, the runner's clock, a staff request, an aggregator run, a published file.
 */
final class RunnerHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final PrivateRunner runner;

  RunnerHttp(PrivateRunner runner) {
    this.runner = runner;
  }

  URI uri(String path) {
    return runner.baseUri().resolve(path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  /** A JSON request with a staff member's {@code Authorization}. */
  HttpRequest.Builder request(String path, String authorization) {
    return HttpRequest.newBuilder(uri(path))
        .header("authorization", authorization)
        .header("content-type", "application/json");
  }

  /** A dev token for the group, from {@code GET /local/token}. */
  String token(String group) throws Exception {
    return Json.mapper()
        .readTree(send(HttpRequest.newBuilder(uri("/local/token?group=" + group))).body())
        .path("token")
        .asText();
  }

  /** Sets the time the handlers see. */
  void setClock(String instant) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri("/local/clock"))
                .PUT(BodyPublishers.ofString("{\"now\": \"" + instant + "\"}")));
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  /** Runs the aggregator with this event and expects it to publish. */
  void aggregate(String event) throws Exception {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(uri("/local/aggregate")).POST(BodyPublishers.ofString(event)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** A file of the latest run. */
  String snapshot(String file) throws Exception {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/snapshots/v1/latest/" + file)));
    assertThat(answer.statusCode()).as(file).isEqualTo(200);
    return answer.body();
  }

  /** {@code POST /v1/registrations} with this body, as {@code authorization}. */
  HttpResponse<String> register(JsonNode body, String authorization) throws Exception {
    return send(
        request("/v1/registrations", authorization)
            .POST(BodyPublishers.ofString(Json.mapper().writeValueAsString(body))));
  }

  /** {@code PUT /v1/registrations/{id}} with the ETag a GET just answered, as a form would. */
  HttpResponse<String> amend(String id, JsonNode body, String authorization) throws Exception {
    HttpResponse<String> current = send(request("/v1/registrations/" + id, authorization).GET());
    assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
    return send(
        request("/v1/registrations/" + id, authorization)
            .header("if-match", current.headers().firstValue("etag").orElseThrow())
            .PUT(BodyPublishers.ofString(Json.mapper().writeValueAsString(body))));
  }
}
