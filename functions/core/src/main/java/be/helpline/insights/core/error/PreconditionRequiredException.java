package be.helpline.insights.core.error;

/**
 * A change to a versioned resource came without {@code If-Match}: the caller must say which version
 * it read, so that it cannot overwrite a change it never saw (RFC 6585, 428).
 */
public final class PreconditionRequiredException extends DomainException {
  public PreconditionRequiredException(String message) {
    super("precondition_required", message);
  }
}
