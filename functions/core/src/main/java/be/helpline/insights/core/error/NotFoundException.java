package be.helpline.insights.core.error;

/** Nothing is known by that name. */
public final class NotFoundException extends DomainException {
  public NotFoundException(String message) {
    super("not_found", message);
  }
}
