package be.helpline.insights.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The project's moto server (infrastructure/moto_server.py) backs up only the items a transaction
 * names instead of whole tables: a failed transaction must still leave every item as it was, as
 * DynamoDB does, whatever the writes before the failing one changed in place.
 */
class MotoServerIT {
  private final Emulator emulator = Emulator.moto();
  private final DynamoDbClient dynamoDb = emulator.dynamoDb();

  @Test
  void failedTransaction_leavesEveryItemAsItWas() {
    String table = emulator.newTable("rollback");
    for (int i = 0; i < 50; i++) {
      Map<String, AttributeValue> other = item("other" + i, "1", List.of(s("x")));
      dynamoDb.putItem(put -> put.tableName(table).item(other));
    }
    dynamoDb.putItem(put -> put.tableName(table).item(item("updated", "1", List.of(s("x")))));
    dynamoDb.putItem(put -> put.tableName(table).item(item("deleted", "1", List.of())));
    List<Map<String, AttributeValue>> before = scan(table);

    assertThatThrownBy(
            () ->
                dynamoDb.transactWriteItems(
                    transaction ->
                        transaction.transactItems(
                            TransactWriteItem.builder()
                                .update(
                                    update ->
                                        update
                                            .tableName(table)
                                            .key(key("updated"))
                                            .updateExpression(
                                                "SET n = n + :one, l = list_append(l, :more)")
                                            .expressionAttributeValues(
                                                Map.of(
                                                    ":one",
                                                    AttributeValue.fromN("1"),
                                                    ":more",
                                                    AttributeValue.fromL(List.of(s("y"))))))
                                .build(),
                            TransactWriteItem.builder()
                                .put(put -> put.tableName(table).item(item("new", "9", List.of())))
                                .build(),
                            TransactWriteItem.builder()
                                .delete(delete -> delete.tableName(table).key(key("deleted")))
                                .build(),
                            TransactWriteItem.builder()
                                .conditionCheck(
                                    check ->
                                        check
                                            .tableName(table)
                                            .key(key("absent"))
                                            .conditionExpression("attribute_exists(pk)"))
                                .build())))
        .isInstanceOf(TransactionCanceledException.class);

    assertThat(scan(table)).containsExactlyInAnyOrderElementsOf(before);

    dynamoDb.transactWriteItems(
        transaction ->
            transaction.transactItems(
                TransactWriteItem.builder()
                    .put(put -> put.tableName(table).item(item("new", "9", List.of())))
                    .build()));
    assertThat(scan(table)).hasSize(before.size() + 1);
  }

  private List<Map<String, AttributeValue>> scan(String table) {
    return dynamoDb.scanPaginator(scan -> scan.tableName(table)).items().stream().toList();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk), "sk", s("s"));
  }

  private static Map<String, AttributeValue> item(String pk, String n, List<AttributeValue> list) {
    return Map.of(
        "pk", s(pk), "sk", s("s"), "n", AttributeValue.fromN(n), "l", AttributeValue.fromL(list));
  }

  private static AttributeValue s(String text) {
    return AttributeValue.fromS(text);
  }
}
