package be.helpline.insights.bench.launch;

import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The click function's floor: its one client (redirect budget, increments retry strategy), the
 * campaign GetItem, then one counter UpdateItem.
 */
public final class ClickFloor extends FloorHandler {
  private final DynamoDbClient dynamoDb =
      FloorClients.dynamoDbForIncrements(FloorClients.Budget.REDIRECT);
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
    } catch (SdkException e) {
      return false;
    }
  }

  private void read() {
    dynamoDb.getItem(
        get ->
            get.tableName(campaigns)
                .key(
                    Map.of(
                        "pk", AttributeValue.fromS("campaign#spring20"),
                        "sk", AttributeValue.fromS("config"))));
  }

  private void count() {
    dynamoDb.updateItem(
        update ->
            update
                .tableName(counters)
                .key(
                    Map.of(
                        "pk", AttributeValue.fromS("floor#spring20#" + LocalDate.now() + "#0"),
                        "sk", AttributeValue.fromS("day")))
                .updateExpression("ADD #c0 :one SET #family = :family")
                .expressionAttributeNames(Map.of("#c0", "n:clicks.h10", "#family", "family"))
                .expressionAttributeValues(
                    Map.of(
                        ":one",
                        AttributeValue.fromN("1"),
                        ":family",
                        AttributeValue.fromS("floor"))));
  }
}
