package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.aws.storage.DynamoDbException.ConditionalCheckFailedException;
import be.helpline.insights.aws.storage.DynamoDbException.TransactionCanceledException;
import be.helpline.insights.aws.storage.DynamoDbHttp.Retries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions' DynamoDB client against a real HTTP server that answers what a test scripts (the
 * emulator cannot be told to throttle or fail): what goes on the wire, what is read back, and which
 * failures each {@link Retries} sends again. Its calls against moto are the stores' ITs.
 */
class DynamoDbHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Request(String target, String authorization, JsonNode body) {}

  private record Reply(int status, String body) {}

  private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final HttpServer server;

  DynamoDbHttpTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          synchronized (requests) {
            requests.add(
                new Request(
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    JSON.readTree(body)));
          }
          Reply reply = replies.isEmpty() ? new Reply(200, "{}") : replies.poll();
          byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(reply.status(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DynamoDbHttp client(Retries retries) {
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new DynamoDbHttp(
        new AwsConfig("eu-west-1", endpoint), AwsClients.Budget.REQUEST, retries);
  }

  private void reply(int status, String body) {
    replies.add(new Reply(status, body));
  }

  private static String error(String type) {
    return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"m\"}";
  }

  @Test
  void put_sendsTheItemInTheProtocolsForm_signed() throws IOException {
    client(Retries.STANDARD)
        .putItem(
            new DynamoDbHttp.Put(
                "t",
                Map.of(
                    "s", AttributeValue.fromS("é\"x"),
                    "n", AttributeValue.fromN("12"),
                    "b", AttributeValue.fromB(new byte[] {1, 2, 3}),
                    "l",
                        AttributeValue.fromL(
                            List.of(AttributeValue.fromBool(true), AttributeValue.fromNul())),
                    "m", AttributeValue.fromM(Map.of("ss", AttributeValue.fromSs(List.of("a"))))),
                "attribute_not_exists(pk)",
                Map.of("#v", "version"),
                Map.of(":v", AttributeValue.fromN("1"))));

    Request sent = requests.getFirst();
    assertThat(sent.target()).isEqualTo("DynamoDB_20120810.PutItem");
    assertThat(sent.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test/");
    assertThat(sent.body())
        .isEqualTo(
            JSON.readTree(
                """
                {"TableName": "t",
                 "Item": {"s": {"S": "é\\"x"}, "n": {"N": "12"}, "b": {"B": "AQID"},
                          "l": {"L": [{"BOOL": true}, {"NULL": true}]},
                          "m": {"M": {"ss": {"SS": ["a"]}}}},
                 "ConditionExpression": "attribute_not_exists(pk)",
                 "ExpressionAttributeNames": {"#v": "version"},
                 "ExpressionAttributeValues": {":v": {"N": "1"}}}
                """));
  }

  @Test
  void getItem_readsEveryAttributeType_andAnAbsentItemAsEmpty() {
    reply(
        200,
        """
        {"Item": {"s": {"S": "x"}, "n": {"N": "1.5"}, "b": {"B": "AQID"}, "t": {"BOOL": false},
                  "z": {"NULL": true}, "l": {"L": [{"S": "a"}, {"N": "2"}]},
                  "m": {"M": {"k": {"S": "v"}}}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1"]}},
         "ConsumedCapacity": {"TableName": "t", "CapacityUnits": 0.5}}
        """);
    reply(200, "{}");
    DynamoDbHttp dynamoDb = client(Retries.STANDARD);

    Map<String, AttributeValue> item =
        dynamoDb.getItem("t", Map.of("pk", AttributeValue.fromS("p")), true);

    assertThat(item.get("s").s()).isEqualTo("x");
    assertThat(item.get("s").n()).isNull();
    assertThat(item.get("n").n()).isEqualTo("1.5");
    assertThat(item.get("b").b()).containsExactly(1, 2, 3);
    assertThat(item.get("t").bool()).isFalse();
    assertThat(item.get("z").isNul()).isTrue();
    assertThat(item.get("l").l())
        .containsExactly(AttributeValue.fromS("a"), AttributeValue.fromN("2"));
    assertThat(item.get("m").m()).isEqualTo(Map.of("k", AttributeValue.fromS("v")));
    assertThat(item.get("ss").ss()).containsExactly("a", "b");
    assertThat(item.get("ns").ns()).containsExactly("1");
    assertThat(requests.getFirst().body().path("ConsistentRead").asBoolean()).isTrue();
    assertThat(dynamoDb.getItem("t", Map.of("pk", AttributeValue.fromS("q")), false)).isEmpty();
  }

  @Test
  void onlyThrottling_sendsAThrottledIncrementAgain_butNeverOneWhoseOutcomeIsUnknown() {
    reply(400, error("ProvisionedThroughputExceededException"));
    reply(200, "{}");
    DynamoDbHttp increments = client(Retries.ONLY_THROTTLING);

    increments.updateItem(update());
    assertThat(requests).hasSize(2);

    reply(500, error("InternalServerError"));
    assertThatThrownBy(() -> increments.updateItem(update()))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(requests).hasSize(3);
  }

  @Test
  void onlyThrottling_givesUpAfterThreeThrottledAttempts() {
    for (int i = 0; i < 4; i++) {
      reply(400, error("ThrottlingException"));
    }
    assertThatThrownBy(() -> client(Retries.ONLY_THROTTLING).updateItem(update()))
        .isInstanceOfSatisfying(
            DynamoDbException.class, e -> assertThat(e.isThrottling()).isTrue());
    assertThat(requests).hasSize(3);
  }

  @Test
  void standard_sendsAgainAfterServerErrors_butNotAfterARefusal() {
    reply(500, error("InternalServerError"));
    reply(503, "");
    reply(200, "{}");
    DynamoDbHttp dynamoDb = client(Retries.STANDARD);

    dynamoDb.putItem(new DynamoDbHttp.Put("t", Map.of("pk", AttributeValue.fromS("p"))));
    assertThat(requests).hasSize(3);

    reply(400, error("ValidationException"));
    assertThatThrownBy(
            () ->
                dynamoDb.putItem(
                    new DynamoDbHttp.Put("t", Map.of("pk", AttributeValue.fromS("p")))))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> assertThat(e.errorType()).isEqualTo("ValidationException"));
    assertThat(requests).hasSize(4);
  }

  @Test
  void noAnswer_isAFailureOfUnknownOutcome() {
    server.stop(0);
    assertThatThrownBy(() -> client(Retries.ONLY_THROTTLING).updateItem(update()))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void failedCondition_carriesTheOldItemWhenAskedFor() {
    reply(
        400,
        """
        {"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
         "message": "The conditional request failed", "Item": {"month": {"S": "2020-04"}}}
        """);

    assertThatThrownBy(() -> client(Retries.STANDARD).updateItemOrReadOld(update()))
        .isInstanceOfSatisfying(
            ConditionalCheckFailedException.class,
            e -> assertThat(e.item()).isEqualTo(Map.of("month", AttributeValue.fromS("2020-04"))));
    assertThat(requests.getFirst().body().path("ReturnValuesOnConditionCheckFailure").asText())
        .isEqualTo("ALL_OLD");
  }

  @Test
  void canceledTransaction_givesAReasonPerWrite() {
    reply(
        400,
        """
        {"__type": "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
         "Message": "Transaction cancelled",
         "CancellationReasons": [{"Code": "None"},
                                 {"Code": "ConditionalCheckFailed", "Message": "failed"}]}
        """);

    assertThatThrownBy(
            () ->
                client(Retries.STANDARD)
                    .transactWriteItems(
                        List.of(
                            new DynamoDbHttp.Put("t", Map.of("pk", AttributeValue.fromS("a"))),
                            update()),
                        "token-1"))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e -> assertThat(e.reasons()).containsExactly("None", "ConditionalCheckFailed"));
    JsonNode sent = requests.getFirst().body();
    assertThat(sent.path("ClientRequestToken").asText()).isEqualTo("token-1");
    assertThat(sent.path("TransactItems").get(0).has("Put")).isTrue();
    assertThat(sent.path("TransactItems").get(1).path("Update").path("UpdateExpression").asText())
        .isEqualTo("ADD #c :one");
  }

  @Test
  void query_readsPageAfterPage_fromWhereTheLastEnded() {
    reply(
        200,
        """
        {"Items": [{"sk": {"S": "1"}}], "Count": 1,
         "LastEvaluatedKey": {"pk": {"S": "p"}, "sk": {"S": "1"}}}
        """);
    reply(200, "{\"Items\": [{\"sk\": {\"S\": \"2\"}}, {\"sk\": {\"S\": \"3\"}}], \"Count\": 2}");

    List<String> keys = new ArrayList<>();
    client(Retries.STANDARD)
        .query(new DynamoDbHttp.Query("t", "pk = :pk", Map.of(":pk", AttributeValue.fromS("p"))))
        .forEach(item -> keys.add(item.get("sk").s()));

    assertThat(keys).containsExactly("1", "2", "3");
    assertThat(requests).hasSize(2);
    assertThat(requests.getFirst().body().has("ExclusiveStartKey")).isFalse();
    assertThat(requests.get(1).body().path("ExclusiveStartKey").path("sk").path("S").asText())
        .isEqualTo("1");
  }

  @Test
  void batchPut_answersWhatWasLeftUnprocessed() {
    reply(
        200,
        """
        {"UnprocessedItems": {"t": [{"PutRequest": {"Item": {"pk": {"S": "b"}}}}]}}
        """);

    List<Map<String, AttributeValue>> left =
        client(Retries.STANDARD)
            .batchPut(
                "t",
                List.of(
                    Map.of("pk", AttributeValue.fromS("a")),
                    Map.of("pk", AttributeValue.fromS("b"))));

    assertThat(left).containsExactly(Map.of("pk", AttributeValue.fromS("b")));
    assertThat(requests.getFirst().body().path("RequestItems").path("t")).hasSize(2);
  }

  @Test
  void anAttributeValuesText_namesItsTypeOnly() {
    assertThat(AttributeValue.fromS("K7QMX-2HRPW").toString()).doesNotContain("K7QMX");
    assertThat(Map.of("code", AttributeValue.fromS("K7QMX-2HRPW")).toString())
        .doesNotContain("K7QMX");
  }

  private static DynamoDbHttp.Update update() {
    return new DynamoDbHttp.Update(
        "t",
        Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("day")),
        "ADD #c :one",
        null,
        Map.of("#c", "n:visits"),
        Map.of(":one", AttributeValue.fromN("1")));
  }
}
