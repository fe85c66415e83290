package be.helpline.insights.core.error;

import java.util.List;

/**
 * What a use case can refuse or fail with. The HTTP adapter maps each kind to one status code; a
 * handler never builds an error answer itself.
 */
public abstract sealed class DomainException extends RuntimeException
    permits InvalidInputException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        PreconditionFailedException,
        PreconditionRequiredException,
        PayloadTooLargeException,
        UnsupportedMediaTypeException,
        StorageUnavailableException,
        NotImplementedException {

  private final String code;

  protected DomainException(String code, String message) {
    super(message);
    this.code = code;
  }

  protected DomainException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable, machine-readable code such as {@code invalid_input}. */
  public String code() {
    return code;
  }

  /** The fields at fault, for validation errors; empty otherwise. */
  public List<FieldError> fields() {
    return List.of();
  }
}
