package be.helpline.insights.core.error;

import java.util.List;

/** The request is malformed or breaks a rule; names each bad field. */
public final class InvalidInputException extends DomainException {
  private final List<FieldError> fields;

  public InvalidInputException(String message, List<FieldError> fields) {
    super("invalid_input", message);
    this.fields = List.copyOf(fields);
  }

  public static InvalidInputException of(String field, String code) {
    return new InvalidInputException(
        "invalid field " + field + ": " + code, List.of(new FieldError(field, code)));
  }

  @Override
  public List<FieldError> fields() {
    return fields;
  }
}
