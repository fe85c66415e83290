package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The local HTTP API on the JDK's HTTP server: plays API Gateway for the routes the template
 * declares (routing, the JWT authorizer, CORS, payload 2.0 events, its own error answers) and
 * serves the local routes. One virtual thread per request.
 */
final class LocalApi implements AutoCloseable {
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> FRAMING_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

  /**
   * What the deployed distributions compress (template.yaml: {@code Compress: true} with a cache
   * policy that accepts gzip): the snapshots, the staff app and, here only, the OpenAPI document.
   */
  private static final List<String> COMPRESSED_ROUTES =
      List.of("GET /snapshots/", "GET /app/", "GET /openapi.");

  /** CloudFront compresses from 1,000 bytes on, and these types among others. */
  private static final int COMPRESS_FROM = 1000;

  private static final Set<String> COMPRESSED_TYPES =
      Set.of(
          "application/json",
          "application/javascript",
          "text/javascript",
          "text/css",
          "text/html",
          "text/csv",
          "text/markdown",
          "text/plain",
          "image/svg+xml",
          "application/yaml");

  private final RouteTable routes;
  private final Map<String, LocalFunction> functions;
  private final Map<String, JwtAuthorizer> authorizers;
  private final Cors cors;
  private final HttpApiEvents events;
  private final LocalRoutes local;
  private final Clock clock;
  private final RunnerLog log;
  private HttpServer server;
  private ExecutorService executor;

  private LocalApi(
      RouteTable routes,
      Map<String, LocalFunction> functions,
      Map<String, JwtAuthorizer> authorizers,
      Cors cors,
      HttpApiEvents events,
      LocalRoutes local,
      Clock clock,
      RunnerLog log) {
    this.routes = routes;
    this.functions = Map.copyOf(functions);
    this.authorizers = Map.copyOf(authorizers);
    this.cors = cors;
    this.events = events;
    this.local = local;
    this.clock = clock;
    this.log = log;
  }

  /** The API the template declares: its routes, CORS configuration and JWT authorizers. */
  static LocalApi of(
      Template template,
      Map<String, LocalFunction> functions,
      Map<String, JwtAuthorizer> authorizers,
      LocalRoutes local,
      Clock clock,
      RunnerLog log) {
    return new LocalApi(
        new RouteTable(
            template.functions().stream().flatMap(function -> function.routes().stream()).toList()),
        functions,
        authorizers,
        Cors.from(template.api().corsConfiguration()),
        new HttpApiEvents("local"),
        local,
        clock,
        log);
  }

  /** Binds host:port (0 for any free port) and starts serving. */
  URI start(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 128);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
    return URI.create("http://" + host + ":" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void exchange(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = requestId();
    Result result;
    IncomingRequest request = null;
    try {
      request = read(exchange);
      result =
          request == null
              ? new Result("-", ApiAnswer.message(413, "Request Entity Too Large"))
              : dispatch(request, requestId);
    } catch (IOException | RuntimeException e) {
      log.error("request failed", null, e);
      result = new Result("-", ApiAnswer.message(500, "Internal Server Error"));
    }
    ApiAnswer answer = result.answer();
    if (request != null && !Cors.isPreflight(request)) {
      answer =
          answer.withoutHeadersStartingWith("access-control-").withHeaders(cors.actual(request));
    }
    answer = answer.withHeaders(List.of(Map.entry("apigw-requestid", requestId)));
    if (request != null && compressed(result.routeKey())) {
      answer = gzipped(answer, exchange.getRequestHeaders().getFirst("accept-encoding"));
    }
    try {
      write(exchange, answer);
    } finally {
      exchange.close();
      log.access(
          requestId, result.routeKey(), answer.status(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  private record Result(String routeKey, ApiAnswer answer) {}

  private static boolean compressed(String routeKey) {
    return COMPRESSED_ROUTES.stream().anyMatch(routeKey::startsWith);
  }

  /** Whether an Accept-Encoding header takes gzip ({@code gzip} or {@code *}, not with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = coding.split(";");
      String name = parts[0].strip();
      double quality = 1;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].strip();
        if (parameter.startsWith("q=")) {
          try {
            quality = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            quality = 0;
          }
        }
      }
      if ((name.equals("gzip") || name.equals("*")) && quality > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer gzipped, as CloudFront serves it to a client that accepts gzip: a 200 of a textual
   * type from 1,000 bytes on, its ETag made weak (the bytes differ from the object's), and {@code
   * Vary: Accept-Encoding} on every answer of such a route.
   */
  static ApiAnswer gzipped(ApiAnswer answer, String acceptEncoding) {
    ApiAnswer varied = answer.withHeaders(List.of(Map.entry("vary", "Accept-Encoding")));
    String type = answer.header("content-type");
    boolean accepts = acceptsGzip(acceptEncoding);
    if (!accepts
        || answer.status() != 200
        || answer.body().length < COMPRESS_FROM
        || answer.header("content-encoding") != null
        || type == null
        || !COMPRESSED_TYPES.contains(type.split(";")[0].strip().toLowerCase(Locale.ROOT))) {
      return varied;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> header : varied.headers()) {
      if (header.getKey().equalsIgnoreCase("etag") && !header.getValue().startsWith("W/")) {
        headers.add(Map.entry("etag", "W/" + header.getValue()));
      } else {
        headers.add(header);
      }
    }
    headers.add(Map.entry("content-encoding", "gzip"));
    return new ApiAnswer(answer.status(), headers, bytes.toByteArray());
  }

  /** Whether a Host header names this runner: 127.0.0.1, localhost or [::1] on its port. */
  private boolean localHost(String host) {
    int port = server.getAddress().getPort();
    String name = host.toLowerCase(java.util.Locale.ROOT);
    return name.equals("127.0.0.1:" + port)
        || name.equals("localhost:" + port)
        || name.equals("[::1]:" + port);
  }

  private Result dispatch(IncomingRequest request, String requestId) throws IOException {
    if (!localHost(request.header("host").orElse(""))) {
      // DNS rebinding: a web page whose own name now resolves to 127.0.0.1 sends its own Host.
      // Nothing of the runner (a staff token, the clock, the data) answers another name.
      return new Result("-", ApiAnswer.message(421, "Misdirected Request"));
    }
    if (Cors.isPreflight(request)) {
      return new Result("-", ApiAnswer.empty(204).withHeaders(cors.preflight(request)));
    }
    Optional<LocalRoutes.Answered> localAnswer = local.answer(request);
    if (localAnswer.isPresent()) {
      return new Result(localAnswer.get().routeKey(), localAnswer.get().answer());
    }
    Optional<RouteTable.Match> match = routes.match(request.method(), request.rawPath());
    if (match.isEmpty()) {
      return new Result("-", ApiAnswer.message(404, "Not Found"));
    }
    Template.Route route = match.get().route();
    HttpApiEvents.Authorization authorization = null;
    if (route.authorizer() != null) {
      JwtAuthorizer authorizer = authorizers.get(route.authorizer());
      // Tokens are checked against real time: moving the handlers' clock never expires them.
      Optional<HttpApiEvents.Authorization> verified =
          authorizer == null
              ? Optional.empty()
              : authorizer.verify(request.header("authorization").orElse(null), Instant.now());
      if (verified.isEmpty()) {
        return new Result(
            route.routeKey(),
            ApiAnswer.message(401, "Unauthorized")
                .withHeaders(List.of(Map.entry("www-authenticate", "Bearer"))));
      }
      if (!route.scopes().isEmpty()
          && (verified.get().scopes() == null
              || verified.get().scopes().stream().noneMatch(route.scopes()::contains))) {
        return new Result(route.routeKey(), ApiAnswer.message(403, "Forbidden"));
      }
      authorization = verified.get();
    }
    byte[] event =
        Json.mapper()
            .writeValueAsBytes(
                events.event(request, match.get(), requestId, clock.instant(), authorization));
    LocalFunction function = functions.get(route.function());
    try {
      return new Result(route.routeKey(), IntegrationResponses.parse(function.invoke(event)));
    } catch (IOException | RuntimeException | LinkageError e) {
      // LocalFunction has logged the failure under the function's name, as Lambda does.
      return new Result(route.routeKey(), ApiAnswer.message(500, "Internal Server Error"));
    }
  }

  /** The request, or null when its body is over API Gateway's 10 MB limit. */
  private static IncomingRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream input = exchange.getRequestBody()) {
      body = input.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // Read the rest before answering 413: a server that answers while the client is still
        // sending closes the connection under it, and the client sees no answer at all.
        input.transferTo(OutputStream.nullOutputStream());
      }
    }
    if (body.length > MAX_BODY_BYTES) {
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    URI uri = exchange.getRequestURI();
    return new IncomingRequest(
        exchange.getRequestMethod(),
        uri.getRawPath() == null ? "/" : uri.getRawPath(),
        uri.getRawQuery(),
        headers,
        body,
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        exchange.getProtocol());
  }

  private static void write(HttpExchange exchange, ApiAnswer answer) throws IOException {
    for (Map.Entry<String, String> header : answer.headers()) {
      // The server frames the answer itself, as API Gateway does.
      if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        exchange.getResponseHeaders().add(header.getKey(), header.getValue());
      }
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    boolean noBody =
        answer.body().length == 0 || head || answer.status() == 204 || answer.status() == 304;
    if (head && answer.body().length > 0) {
      // As S3 and API Gateway answer HEAD: the length the GET's body would have.
      exchange.getResponseHeaders().set("content-length", Integer.toString(answer.body().length));
    }
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
    if (!noBody) {
      try (OutputStream output = exchange.getResponseBody()) {
        output.write(answer.body());
      }
    }
  }

  /** API Gateway's request ids look like this: 16 base64 characters. */
  private static String requestId() {
    byte[] bytes = new byte[11];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
