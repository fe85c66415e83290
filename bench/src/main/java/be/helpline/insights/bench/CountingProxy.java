package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A counting reverse proxy in front of moto: a function is pointed at it through {@code
 * AWS_ENDPOINT_URL} (the only way in without touching production code: the functions build their
 * own AWS clients), it forwards every request unchanged and records what passed: the DynamoDB
 * operation ({@code X-Amz-Target}) and table, or the S3 method, moto's time to answer, and the
 * bodies of the requests and answers the caller asks to keep. moto does not check SigV4 signatures,
 * so the changed Host is harmless.
 */
final class CountingProxy implements AutoCloseable {
  /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive");

  /**
   * One request: {@code service} is {@code dynamodb} or {@code s3}; {@code operation} the DynamoDB
   * action (Query, Scan, ...) or the S3 method; {@code target} the table or bucket; bodies only
   * when kept.
   */
  record Exchange(
      String service,
      String operation,
      String target,
      int status,
      long upstreamNanos,
      byte[] requestBody,
      byte[] responseBody) {}

  /** Which exchanges keep their bodies (the counters table's Queries, to size what they read). */
  interface Keep {
    boolean bodies(String service, String operation, String target);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final URI upstream;
  private final Keep keep;
  private final List<Exchange> exchanges = new ArrayList<>();

  private CountingProxy(HttpServer server, ExecutorService executor, URI upstream, Keep keep) {
    this.server = server;
    this.executor = executor;
    this.upstream = upstream;
    this.keep = keep;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  static CountingProxy start(URI upstream, Keep keep) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService executor = Executors.newFixedThreadPool(8);
      CountingProxy proxy = new CountingProxy(server, executor, upstream, keep);
      server.createContext("/", proxy::handle);
      server.setExecutor(executor);
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the counting proxy", e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What passed since the last call, in order of completion. */
  List<Exchange> drain() {
    synchronized (exchanges) {
      List<Exchange> drained = List.copyOf(exchanges);
      exchanges.clear();
      return drained;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      String pathAndQuery =
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(upstream.toString().replaceAll("/$", "") + pathAndQuery))
              .timeout(Duration.ofMinutes(10))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          header.getValue().forEach(value -> request.header(header.getKey(), value));
        }
      }
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String service;
      String operation;
      String target;
      if (amzTarget != null) {
        service = "dynamodb";
        operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
        JsonNode json = body.length == 0 ? null : Json.mapper().readTree(body);
        target = json == null ? "" : json.path("TableName").asText("");
      } else {
        service = "s3";
        operation = method;
        String path = uri.getRawPath().replaceAll("^/", "");
        target = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
      }

      long start = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      long upstreamNanos = System.nanoTime() - start;

      byte[] answer = response.body();
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
              });
      int status = response.statusCode();
      // Recorded before the answer goes back, so that a drain after the call sees it.
      boolean kept = keep.bodies(service, operation, target);
      synchronized (exchanges) {
        exchanges.add(
            new Exchange(
                service,
                operation,
                target,
                status,
                upstreamNanos,
                kept ? body : null,
                kept ? answer : null));
      }
      boolean noBody =
          method.equals("HEAD") || status == 204 || status == 304 || answer.length == 0;
      exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    client.close();
  }
}
