package be.helpline.insights.core.error;

/** This route does not accept that content type. */
public final class UnsupportedMediaTypeException extends DomainException {
  public UnsupportedMediaTypeException(String message) {
    super("unsupported_media_type", message);
  }
}
