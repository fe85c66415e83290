package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The local runner's HTTP API, as the benchmarks use it to prepare data and to read snapshots. */
final class LocalApiClient {
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  LocalApiClient(URI base) {
    this.base = base;
  }

  String token(String group) {
    return read(send(get("/local/token?group=" + group), 200)).path("token").asText();
  }

  /** Configures a campaign through the staff route, as a coordinator. */
  void putCampaign(String id, String body) {
    send(
        HttpRequest.newBuilder(base.resolve("/v1/campaigns/" + id))
            .header("authorization", "Bearer " + token("coordinator"))
            .header("content-type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        200);
  }

  /** Sets the time the handlers see. */
  void setClock(java.time.Instant now) {
    send(
        HttpRequest.newBuilder(base.resolve("/local/clock"))
            .header("content-type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"now\": \"" + now + "\"}"))
            .build(),
        200);
  }

  /** Runs the aggregator now and returns LATEST.json's record. */
  JsonNode aggregate() {
    return read(
        send(
            HttpRequest.newBuilder(base.resolve("/local/aggregate"))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            200));
  }

  JsonNode latest(String file) {
    return read(send(get("/snapshots/v1/latest/" + file), 200));
  }

  boolean healthy() {
    try {
      return http.send(get("/local/health"), HttpResponse.BodyHandlers.discarding()).statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static JsonNode read(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
  }

  private String send(HttpRequest request, int expected) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
