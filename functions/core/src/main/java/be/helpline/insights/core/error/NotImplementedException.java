package be.helpline.insights.core.error;

/** This route exists but is not built yet. */
public final class NotImplementedException extends DomainException {
  public NotImplementedException(String message) {
    super("not_implemented", message);
  }
}
