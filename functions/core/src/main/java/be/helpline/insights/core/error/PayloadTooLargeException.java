package be.helpline.insights.core.error;

/** The body is larger than this route accepts. */
public final class PayloadTooLargeException extends DomainException {
  public PayloadTooLargeException(String message) {
    super("payload_too_large", message);
  }
}
