package be.helpline.insights.core.error;

/** The caller may not do this. */
public final class ForbiddenException extends DomainException {
  public ForbiddenException(String message) {
    super("forbidden", message);
  }
}
