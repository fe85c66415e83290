package be.helpline.insights.core.error;

/** The request contradicts what is stored, e.g. {@code idempotency_conflict}. */
public final class ConflictException extends DomainException {
  public ConflictException(String code, String message) {
    super(code, message);
  }
}
