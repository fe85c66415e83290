package be.helpline.insights.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A proxy in front of the emulator that the local runner's functions call, with faults switched on
 * and off while traffic flows: {@link Fault#DOWN} drops every connection without an answer (nothing
 * reaches the emulator), {@link Fault#SLOW} forwards each call after two seconds (and completes it
 * even when the caller gave up meanwhile, as a slow service does), {@link Fault#THROTTLED} answers
 * two DynamoDB calls in three with {@code ProvisionedThroughputExceededException} before they reach
 * the emulator (S3 calls pass). {@link #downAfterWrites} lets a number of S3 writes under a prefix
 * through, then goes down: an aggregator run that fails half-way. It also notes each call it
 * forwards ({@link #calls}): {@code DynamoDB_20120810.GetItem}, {@code TrentService.Decrypt}, or
 * the HTTP method and path of an S3 call.
 */
final class FaultyEmulator implements AutoCloseable {
  static final Duration SLOW_DELAY = Duration.ofSeconds(2);
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  enum Fault {
    NONE,
    DOWN,
    SLOW,
    THROTTLED
  }

  private final URI emulator;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
  private final AtomicInteger dynamoDbCalls = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile String writePrefix;
  private final AtomicInteger writesLeft = new AtomicInteger(-1);
  private final List<String> calls = new java.util.ArrayList<>();

  private FaultyEmulator(URI emulator) throws IOException {
    this.emulator = emulator;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A private runner whose functions reach moto through a proxy: a test's faults and its calls. */
  record ProxiedRunner(PrivateRunner runner, FaultyEmulator proxy) implements AutoCloseable {
    static ProxiedRunner start(LogSink logSink) {
      FaultyEmulator[] proxy = new FaultyEmulator[1];
      PrivateRunner runner =
          PrivateRunner.start(
              logSink,
              moto -> {
                proxy[0] = inFrontOf(moto);
                return proxy[0].endpoint();
              });
      return new ProxiedRunner(runner, proxy[0]);
    }

    @Override
    public void close() {
      runner.close();
      proxy.close();
    }
  }

  static FaultyEmulator inFrontOf(URI emulator) {
    try {
      return new FaultyEmulator(emulator);
    } catch (IOException e) {
      throw new IllegalStateException("the proxy did not start", e);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void set(Fault next) {
    writePrefix = null;
    fault.set(next);
  }

  /** Lets {@code writes} S3 PUTs of keys under {@code prefix} through, then goes {@code DOWN}. */
  void downAfterWrites(String prefix, int writes) {
    writesLeft.set(writes);
    writePrefix = prefix;
    fault.set(Fault.NONE);
  }

  Fault fault() {
    return fault.get();
  }

  int throttledCalls() {
    return throttled.get();
  }

  int droppedCalls() {
    return dropped.get();
  }

  /** The calls forwarded since the last time this was asked. */
  List<String> calls() {
    synchronized (calls) {
      List<String> since = List.copyOf(calls);
      calls.clear();
      return since;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("x-amz-target");
      String path = exchange.getRequestURI().getRawPath();
      String prefix = writePrefix;
      if (prefix != null
          && exchange.getRequestMethod().equals("PUT")
          && path.contains(prefix)
          && writesLeft.getAndDecrement() <= 0) {
        fault.set(Fault.DOWN);
      }
      switch (fault.get()) {
        case DOWN -> {
          // No status line at all: the caller's connection ends as if the service had crashed.
          dropped.incrementAndGet();
          return;
        }
        case SLOW -> pause();
        case THROTTLED -> {
          if (target != null && dynamoDbCalls.incrementAndGet() % 3 != 0) {
            throttled.incrementAndGet();
            answer(
                exchange,
                400,
                "application/x-amz-json-1.0",
                ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + "ProvisionedThroughputExceededException\",\"message\":\"The level of"
                        + " configured provisioned throughput for the table was exceeded.\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
          }
        }
        case NONE -> {}
      }
      synchronized (calls) {
        calls.add(target != null ? target : exchange.getRequestMethod() + " " + path);
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(emulator.resolve(exchange.getRequestURI().toString()))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    byte[] answer;
    try (InputStream in = response.body()) {
      answer = in.readAllBytes();
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(
        response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
    if (!head && answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(SLOW_DELAY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
