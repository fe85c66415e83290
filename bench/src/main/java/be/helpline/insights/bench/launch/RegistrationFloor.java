package be.helpline.insights.bench.launch;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registration function's floor for its route that works today, {@code GET /v1/campaigns}: the
 * request-budget client and the same filtered Scan of the campaigns table, all pages.
 */
public final class RegistrationFloor extends FloorHandler {
  private final DynamoDbClient dynamoDb = FloorClients.dynamoDb(FloorClients.Budget.REQUEST);
  private final String table = env("CAMPAIGNS_TABLE");

  @Override
  String call() {
    long items =
        dynamoDb
            .scanPaginator(
                scan ->
                    scan.tableName(table)
                        .filterExpression("#sk = :config")
                        .expressionAttributeNames(Map.of("#sk", "sk"))
                        .expressionAttributeValues(
                            Map.of(":config", AttributeValue.fromS("config"))))
            .items()
            .stream()
            .count();
    return "{\"statusCode\":200,\"items\":" + items + "}";
  }
}
