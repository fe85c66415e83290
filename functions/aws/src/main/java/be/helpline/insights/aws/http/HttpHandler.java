package be.helpline.insights.aws.http;

import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.json.JsonTree;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  protected final void rehearse(JsonNode event) {
    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
    int status;
    try {
      handleRequest(new ByteArrayInputStream(JsonTree.bytes(event)), answer, new PrimingContext());
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
  protected static ObjectNode event(
      String method,
      String routeKey,
      String rawPath,
      Map<String, String> headers,
      Map<String, String> pathParameters,
      Map<String, String> claims,
      String body) {
    ObjectNode event = JsonTree.object();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", rawPath);
    event.put("rawQueryString", "");
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);
    if (!pathParameters.isEmpty()) {
      ObjectNode parameters = event.putObject("pathParameters");
      pathParameters.forEach(parameters::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("requestId", "priming");
    context.putObject("http").put("method", method).put("path", rawPath);
    if (!claims.isEmpty()) {
      ObjectNode claimNode = context.putObject("authorizer").putObject("jwt").putObject("claims");
      claims.forEach(claimNode::put);
    }
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return event;
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
      JsonNode event = JsonTree.read(input);
      if (event != null && event.has("operation") && !event.has("routeKey")) {
        JsonTree.write(operate(event.path("operation").asText(), log), output);
        return;
      }
      request = ApiRequest.from(event);
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

  private static void write(ApiResponse response, OutputStream output) throws IOException {
    ObjectNode answer = JsonTree.object();
    answer.put("statusCode", response.statusCode());
    ObjectNode headers = answer.putObject("headers");
    response.headers().forEach(headers::put);
    answer.put("body", response.body());
    answer.put("isBase64Encoded", false);
    JsonTree.write(answer, output);
  }
}
