package be.helpline.insights.aws.http;

import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.json.JsonTree;
import be.helpline.insights.core.json.JsonWriter;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The HTTP API adapter shared by the HTTP functions: decode the payload 2.0 event, call {@link
 * #handle}, map domain errors to their status, encode the answer. A 5xx is logged here, once, and
 * nowhere else.
 *
 * <p>SnapStart priming: a function's entry constructor calls {@link #primeBeforeSnapshot()}, and
 * before Lambda takes the snapshot (CRaC {@code beforeCheckpoint}) {@link #prime()} runs the
 * function's own path on synthetic requests, through the same decoding, domain code, AWS client and
 * encoding, so that the restored function starts with its classes loaded and its client connected.
 * Priming reads and never writes: a rehearsal stores nothing (PrimingIT).
 */
public abstract class HttpHandler implements RequestStreamHandler, Resource {

  protected abstract ApiResponse handle(ApiRequest request, StructuredLog log);

  /**
   * Runs this function's path on synthetic requests that read but never write (see {@link
   * #rehearse}). None by default.
   */
  protected void prime() {}

  /**
   * Registers this handler for priming before a SnapStart snapshot; the entry constructors call it.
   */
  protected final void primeBeforeSnapshot() {
    Core.getGlobalContext().register(this);
  }

  /**
   * Primes; a priming that fails is only a slower first request, so it never stops the snapshot (a
   * {@code beforeCheckpoint} that throws would fail the version's publication).
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    try {
      prime();
    } catch (RuntimeException e) {
      System.err.println(
          "{\"level\":\"WARN\",\"event\":\"priming_failed\",\"errorType\":\""
              + e.getClass().getName()
              + "\"}");
    }
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {}

  /**
   * One synthetic request through {@link #handleRequest}, logging nowhere: what priming does. Its
   * answer is discarded, but a 5xx means the path broke and fails the priming. {@code event} is an
   * HTTP API payload 2.0 event ({@link #event}).
   */
  protected final void rehearse(byte[] event) {
    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
    int status;
    try {
      handleRequest(new ByteArrayInputStream(event), answer, new PrimingContext());
      status = JsonTree.read(answer.toByteArray()).path("statusCode").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException("priming failed", e);
    }
    if (status >= 500) {
      // The path failed half-way (storage refused a read, say): not primed.
      throw new IllegalStateException("a priming request was answered " + status);
    }
  }

  /** A payload 2.0 event as API Gateway sends it, for {@link #rehearse}. */
  protected static byte[] event(
      String method,
      String routeKey,
      String rawPath,
      Map<String, String> headers,
      Map<String, String> pathParameters,
      Map<String, String> claims,
      String body) {
    JsonWriter event = JsonWriter.forBytes().startObject();
    event.name("version").string("2.0").name("routeKey").string(routeKey);
    event.name("rawPath").string(rawPath).name("rawQueryString").string("");
    strings(event.name("headers"), headers);
    if (!pathParameters.isEmpty()) {
      strings(event.name("pathParameters"), pathParameters);
    }
    event.name("requestContext").startObject().name("requestId").string("priming");
    event.name("http").startObject().name("method").string(method);
    event.name("path").string(rawPath).endObject();
    if (!claims.isEmpty()) {
      event.name("authorizer").startObject().name("jwt").startObject();
      strings(event.name("claims"), claims);
      event.endObject().endObject();
    }
    event.endObject();
    if (body != null) {
      event.name("body").string(body);
    }
    return event.name("isBase64Encoded").bool(false).endObject().utf8();
  }

  private static void strings(JsonWriter json, Map<String, String> values) {
    json.startObject();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      json.name(entry.getKey()).string(entry.getValue());
    }
    json.endObject();
  }

  /**
   * A direct invocation ({@code {"operation": "<name>"}}, never an HTTP API event: API Gateway
   * builds those itself, and only a principal allowed to invoke the function can send this) for an
   * operator's one-off work; answers its result. None by default.
   */
  protected JsonNode operate(String operation, StructuredLog log) {
    throw new IllegalArgumentException("no such operation: " + operation);
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    StructuredLog log = StructuredLog.of(context);
    ApiResponse response;
    ApiRequest request = null;
    try {
      ApiRequest.Event event = ApiRequest.decode(input.readAllBytes());
      if (event.isOperation()) {
        JsonTree.write(operate(event.operation(), log), output);
        return;
      }
      request = event.request();
      response = handle(request, log);
    } catch (DomainException error) {
      response = ErrorResponses.of(error);
      if (response.statusCode() >= 500) {
        log.error(
            "request_failed",
            error,
            "routeKey",
            routeKey(request),
            "status",
            response.statusCode());
      }
    } catch (RuntimeException | IOException error) {
      response = ErrorResponses.internalError();
      log.error("request_failed", error, "routeKey", routeKey(request), "status", 500);
    }
    write(response, output);
  }

  private static String routeKey(ApiRequest request) {
    return request == null ? "" : request.routeKey();
  }

  /** The answer, as the mapper wrote it from a tree before (the same bytes: JsonWriterTest). */
  private static void write(ApiResponse response, OutputStream output) throws IOException {
    JsonWriter answer = JsonWriter.forBytes().startObject();
    answer.name("statusCode").number(response.statusCode());
    strings(answer.name("headers"), response.headers());
    answer.name("body").string(response.body()).name("isBase64Encoded").bool(false).endObject();
    output.write(answer.utf8());
    output.flush();
  }
}
