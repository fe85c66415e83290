package be.helpline.insights.aws.storage;

import java.util.List;
import java.util.Map;

/**
 * A DynamoDB call that did not succeed: DynamoDB's error type and status, or, when no answer came
 * (a connection refused, a timeout), status 0 and the cause: then the call may or may not have been
 * applied. Messages carry DynamoDB's own message, never an item or a key.
 */
public class DynamoDbException extends RuntimeException {
  private final String errorType;
  private final int status;

  DynamoDbException(String errorType, int status, String message, Throwable cause) {
    super(errorType + " (" + status + ")" + (message == null ? "" : ": " + message), cause);
    this.errorType = errorType;
    this.status = status;
  }

  /** DynamoDB's error type without its namespace ({@code ConditionalCheckFailedException}). */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status, 0 when no answer came. */
  public int status() {
    return status;
  }

  /** DynamoDB refused the call for the rate and applied nothing: it may be sent again. */
  public boolean isThrottling() {
    return status == 429
        || switch (errorType) {
          case "ProvisionedThroughputExceededException",
              "ThrottlingException",
              "RequestLimitExceeded",
              "LimitExceededException" ->
              true;
          default -> false;
        };
  }

  /** No answer, or a server error: whether the call was applied is unknown. */
  public boolean outcomeUnknown() {
    return status == 0 || status >= 500;
  }

  /** A write's condition did not hold; {@link #item()} is the item as it was, when asked for. */
  public static final class ConditionalCheckFailedException extends DynamoDbException {
    private final Map<String, AttributeValue> item;

    ConditionalCheckFailedException(String message, Map<String, AttributeValue> item) {
      super("ConditionalCheckFailedException", 400, message, null);
      this.item = item == null ? Map.of() : Map.copyOf(item);
    }

    /** The item before the write (empty when there was none, or it was not asked for). */
    public Map<String, AttributeValue> item() {
      return item;
    }
  }

  /**
   * A transaction applied nothing: one reason code per item, in the order of the writes ({@code
   * None} for an item that was not the cause, {@code ConditionalCheckFailed}, {@code
   * TransactionConflict}, …).
   */
  public static final class TransactionCanceledException extends DynamoDbException {
    private final List<String> reasons;

    TransactionCanceledException(String message, List<String> reasons) {
      super("TransactionCanceledException", 400, message, null);
      this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
      return reasons;
    }
  }
}
