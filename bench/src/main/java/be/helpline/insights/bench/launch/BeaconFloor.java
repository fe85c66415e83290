package be.helpline.insights.bench.launch;

import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The beacon function's floor: its increments client and one counter UpdateItem (ADD). */
public final class BeaconFloor extends FloorHandler {
  private final DynamoDbClient dynamoDb =
      FloorClients.dynamoDbForIncrements(FloorClients.Budget.REQUEST);
  private final String table = env("COUNTERS_TABLE");

  @Override
  String call() {
    dynamoDb.updateItem(
        update ->
            update
                .tableName(table)
                .key(
                    Map.of(
                        "pk", AttributeValue.fromS("floor#selfhelp#" + LocalDate.now() + "#0"),
                        "sk", AttributeValue.fromS("day")))
                .updateExpression("ADD #c0 :one SET #family = :family")
                .expressionAttributeNames(Map.of("#c0", "n:pageviews.h10", "#family", "family"))
                .expressionAttributeValues(
                    Map.of(
                        ":one",
                        AttributeValue.fromN("1"),
                        ":family",
                        AttributeValue.fromS("floor"))));
    return "{\"statusCode\":204}";
  }
}
