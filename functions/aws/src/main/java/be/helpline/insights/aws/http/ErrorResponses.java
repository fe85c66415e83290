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
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The one mapping from domain errors to HTTP answers: {"error", "message", "fields"?}. */
public final class ErrorResponses {
  private ErrorResponses() {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ErrorBody(String error, String message, List<FieldError> fields) {}

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
        statusOf(error), new ErrorBody(error.code(), error.getMessage(), error.fields()));
  }

  public static ApiResponse internalError() {
    return ApiResponse.json(
        500,
        new ErrorBody("internal_error", "Something went wrong; it has been logged.", List.of()));
  }
}
