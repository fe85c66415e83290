package be.helpline.insights.core.error;

/** Storage did not answer or refused; the event was not recorded and the caller may retry. */
public final class StorageUnavailableException extends DomainException {
  public StorageUnavailableException(String message, Throwable cause) {
    super("storage_unavailable", message, cause);
  }
}
