package be.helpline.insights.aws.http;

import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The HTTP API adapter shared by the HTTP functions: decode the payload 2.0 event, call {@link
 * #handle}, map domain errors to their status, encode the answer. A 5xx is logged here, once, and
 * nowhere else.
 */
public abstract class HttpHandler implements RequestStreamHandler {

  protected abstract ApiResponse handle(ApiRequest request, StructuredLog log);

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
      JsonNode event = Json.mapper().readTree(input);
      if (event != null && event.has("operation") && !event.has("routeKey")) {
        Json.mapper().writeValue(output, operate(event.path("operation").asText(), log));
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
    ObjectNode answer = Json.mapper().createObjectNode();
    answer.put("statusCode", response.statusCode());
    ObjectNode headers = answer.putObject("headers");
    response.headers().forEach(headers::put);
    answer.put("body", response.body());
    answer.put("isBase64Encoded", false);
    Json.mapper().writeValue(output, (JsonNode) answer);
  }
}
