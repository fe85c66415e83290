package be.helpline.insights.aws.http;

import be.helpline.insights.core.error.ConflictException;
import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.NotImplementedException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.error.PreconditionRequiredException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.JsonTree;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The one mapping from domain errors to HTTP answers: {"error", "message", "fields"?}. */
public final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * {@code {"error", "message", "fields": [{"field", "code"}]}}, an empty message or list left out,
   * built as a tree: a refused request must not cost a cold function the databind mapper (see
   * JsonTree).
   */
  private static ObjectNode body(String error, String message, List<FieldError> fields) {
    ObjectNode body = JsonTree.object();
    body.put("error", error);
    if (message != null && !message.isEmpty()) {
      body.put("message", message);
    }
    if (!fields.isEmpty()) {
      ArrayNode list = body.putArray("fields");
      fields.forEach(f -> list.addObject().put("field", f.field()).put("code", f.code()));
    }
    return body;
  }

  public static int statusOf(DomainException error) {
    return switch (error) {
      case InvalidInputException e -> 400;
      case ForbiddenException e -> 403;
      case NotFoundException e -> 404;
      case ConflictException e -> 409;
      case PreconditionFailedException e -> 412;
      case PreconditionRequiredException e -> 428;
      case PayloadTooLargeException e -> 413;
      case UnsupportedMediaTypeException e -> 415;
      case NotImplementedException e -> 501;
      case StorageUnavailableException e -> 503;
    };
  }

  public static ApiResponse of(DomainException error) {
    return ApiResponse.json(
        statusOf(error), body(error.code(), error.getMessage(), error.fields()));
  }

  public static ApiResponse internalError() {
    return ApiResponse.json(
        500, body("internal_error", "Something went wrong; it has been logged.", List.of()));
  }
}
