package be.helpline.insights.core.error;

/** An {@code If-Match} version that is no longer current. */
public final class PreconditionFailedException extends DomainException {
  public PreconditionFailedException(String message) {
    super("precondition_failed", message);
  }
}
