package be.helpline.insights.bench.launch;

/**
 * The registration function's floor for its route that works today, {@code GET /v1/campaigns}: the
 * same filtered Scan of the campaigns table, all pages, as signed requests within the request
 * budget.
 */
public final class RegistrationFloor extends FloorHandler {
  private final FloorClients.Signed dynamoDb =
      new FloorClients.Signed("dynamodb", FloorClients.Budget.REQUEST);
  private final String table = env("CAMPAIGNS_TABLE");

  @Override
  String call() {
    long items =
        dynamoDb.scanCount(
            "{\"TableName\":\""
                + table
                + "\",\"FilterExpression\":\"#sk = :config\","
                + "\"ExpressionAttributeNames\":{\"#sk\":\"sk\"},"
                + "\"ExpressionAttributeValues\":{\":config\":{\"S\":\"config\"}}");
    return "{\"statusCode\":200,\"items\":" + items + "}";
  }
}
