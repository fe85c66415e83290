package be.helpline.insights.bench.launch;

import java.time.LocalDate;

/**
 * The click function's floor: its redirect budget, the campaign GetItem, then one counter
 * UpdateItem, each a signed request with its JSON written by hand.
 */
public final class ClickFloor extends FloorHandler {
  private final FloorClients.Signed dynamoDb =
      new FloorClients.Signed("dynamodb", FloorClients.Budget.REDIRECT);
  private final String campaigns = env("CAMPAIGNS_TABLE");
  private final String counters = env("COUNTERS_TABLE");

  @Override
  String call() {
    // As the function: a call that fails or times out is given up and the redirect still answers.
    boolean read = attempt(this::read);
    boolean counted = attempt(this::count);
    return "{\"statusCode\":302,\"read\":" + read + ",\"counted\":" + counted + "}";
  }

  private static boolean attempt(Runnable call) {
    try {
      call.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void read() {
    dynamoDb.dynamoDb(
        "GetItem",
        "{\"TableName\":\""
            + campaigns
            + "\",\"Key\":{\"pk\":{\"S\":\"campaign#spring20\"},\"sk\":{\"S\":\"config\"}}}");
  }

  private void count() {
    dynamoDb.dynamoDb(
        "UpdateItem",
        "{\"TableName\":\""
            + counters
            + "\",\"Key\":{\"pk\":{\"S\":\"floor#spring20#"
            + LocalDate.now()
            + "#0\"},\"sk\":{\"S\":\"day\"}},\"UpdateExpression\":\"ADD #c0 :one SET #family ="
            + " :family\","
            + "\"ExpressionAttributeNames\":{\"#c0\":\"n:clicks.h10\",\"#family\":\"family\"},"
            + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":family\":{\"S\":\"floor\"}}}");
  }
}
