package be.helpline.insights.bench.launch;

import java.time.LocalDate;

/** The beacon function's floor: one signed counter UpdateItem (ADD), its JSON written by hand. */
public final class BeaconFloor extends FloorHandler {
  private final FloorClients.Signed dynamoDb =
      new FloorClients.Signed("dynamodb", FloorClients.Budget.REQUEST);
  private final String table = env("COUNTERS_TABLE");

  @Override
  String call() {
    dynamoDb.dynamoDb(
        "UpdateItem",
        "{\"TableName\":\""
            + table
            + "\",\"Key\":{\"pk\":{\"S\":\"floor#selfhelp#"
            + LocalDate.now()
            + "#0\"},\"sk\":{\"S\":\"day\"}},\"UpdateExpression\":\"ADD #c0 :one SET #family ="
            + " :family\","
            + "\"ExpressionAttributeNames\":{\"#c0\":\"n:pageviews.h10\",\"#family\":\"family\"},"
            + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":family\":{\"S\":\"floor\"}}}");
    return "{\"statusCode\":204}";
  }
}
