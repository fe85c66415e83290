package be.helpline.insights.aws.storage;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.json.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The DynamoDB calls the functions make, sent as signed JSON requests ({@link SignedHttp}) rather
 * than through the SDK's DynamoDB client: that module alone is 2.3 MB of model classes, and
 * building its client loads about a thousand classes on a cold start, more than the request itself
 * needs (issue 19). One client per execution environment, thread-safe.
 *
 * <p>Each call keeps to its {@link AwsClients.Budget}: an attempt is bounded by the HTTP client's
 * timeouts, and no attempt starts after the call's budget is spent. What is retried depends on the
 * {@link Retries} the client was built with.
 */
public final class DynamoDbHttp {
  private static final String TARGET = "DynamoDB_20120810.";

  /** Which failures a client sends again. */
  public enum Retries {
    /**
     * Throttling, server errors and calls that got no answer, up to 9 attempts (DynamoDB's SDK
     * default), 25 ms doubling to 1 s with jitter: for reads and for writes that may be applied
     * twice with the same result (whole-item puts, conditional updates, transactions with a token).
     */
    STANDARD(9, 25, 1_000),
    /**
     * Throttling only, which DynamoDB answers before applying anything: for counter increments,
     * where a timeout or a 500 may hide a write that did land and a retry would count it twice.
     */
    ONLY_THROTTLING(3, 20, 200);

    private final int attempts;
    private final long firstPauseMillis;
    private final long maxPauseMillis;

    Retries(int attempts, long firstPauseMillis, long maxPauseMillis) {
      this.attempts = attempts;
      this.firstPauseMillis = firstPauseMillis;
      this.maxPauseMillis = maxPauseMillis;
    }

    boolean retries(DynamoDbException failure) {
      return failure.isThrottling() || (this == STANDARD && failure.outcomeUnknown());
    }
  }

  /**
   * A whole item written, replacing any with its key, if {@code condition} (null: always) holds.
   */
  public record Put(
      String table,
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    public Put(String table, Map<String, AttributeValue> item) {
      this(table, item, null, null, null);
    }
  }

  /** An update expression applied to the item with {@code key}, if {@code condition} holds. */
  public record Update(
      String table,
      Map<String, AttributeValue> key,
      String update,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {}

  /** The items of one partition key, in sort-key order, the key condition narrowing them. */
  public record Query(String table, String keyCondition, Map<String, AttributeValue> values) {}

  /**
   * Every item of a table ({@code filter} may be null), {@code pageSize} items per request (null:
   * DynamoDB's 1 MB pages).
   */
  public record Scan(
      String table,
      String filter,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      boolean consistentRead,
      Integer pageSize) {
    public static Scan all(String table, boolean consistentRead) {
      return new Scan(table, null, null, null, consistentRead, null);
    }
  }

  private final SignedHttp http;
  private final URI endpoint;
  private final AwsClients.Budget budget;
  private final Retries retries;

  public DynamoDbHttp(AwsConfig aws, AwsClients.Budget budget, Retries retries) {
    this.http = new SignedHttp(AwsClients.http(budget), "dynamodb", aws.region());
    this.endpoint =
        aws.endpointOverride()
            .orElse(URI.create("https://dynamodb." + aws.region() + ".amazonaws.com/"));
    this.budget = budget;
    this.retries = retries;
  }

  /** The item with {@code key}, or an empty map when there is none. */
  public Map<String, AttributeValue> getItem(
      String table, Map<String, AttributeValue> key, boolean consistentRead) {
    DynamoDbJson.Answer answer =
        call(
            "GetItem",
            json -> {
              json.name("TableName").string(table);
              DynamoDbJson.writeItem(json, "Key", key);
              if (consistentRead) {
                json.name("ConsistentRead").bool(true);
              }
            });
    return answer.item() == null ? Map.of() : answer.item();
  }

  public void putItem(Put put) {
    call("PutItem", json -> writePut(json, put));
  }

  /** Applies the update; a failed condition throws, without the item. */
  public void updateItem(Update update) {
    call("UpdateItem", json -> writeUpdate(json, update));
  }

  /**
   * Applies the update; a failed condition throws a {@link
   * DynamoDbException.ConditionalCheckFailedException} holding the item as it was.
   */
  public void updateItemOrReadOld(Update update) {
    call(
        "UpdateItem",
        json -> {
          writeUpdate(json, update);
          json.name("ReturnValuesOnConditionCheckFailure").string("ALL_OLD");
        });
  }

  /**
   * All the writes or none. The token makes a resent transaction (the client's own retries) apply
   * at most once within DynamoDB's ten minutes; a canceled one throws a {@link
   * DynamoDbException.TransactionCanceledException} with a reason per write.
   */
  public void transactWriteItems(List<Object> writes, String clientRequestToken) {
    call(
        "TransactWriteItems",
        json -> {
          json.name("TransactItems").startArray();
          for (Object write : writes) {
            json.startObject();
            switch (write) {
              case Put put -> {
                json.name("Put").startObject();
                writePut(json, put);
              }
              case Update update -> {
                json.name("Update").startObject();
                writeUpdate(json, update);
              }
              default -> throw new IllegalArgumentException("a Put or an Update: " + write);
            }
            json.endObject();
            json.endObject();
          }
          json.endArray();
          json.name("ClientRequestToken").string(clientRequestToken);
        });
  }

  /** Puts up to 25 items in one request; answers those DynamoDB left unprocessed (throttling). */
  public List<Map<String, AttributeValue>> batchPut(
      String table, List<Map<String, AttributeValue>> items) {
    DynamoDbJson.Answer answer =
        call(
            "BatchWriteItem",
            json -> {
              json.name("RequestItems").startObject();
              json.name(table).startArray();
              for (Map<String, AttributeValue> item : items) {
                json.startObject();
                json.name("PutRequest").startObject();
                DynamoDbJson.writeItem(json, "Item", item);
                json.endObject();
                json.endObject();
              }
              json.endArray();
              json.endObject();
            });
    return answer.unprocessedPuts() == null
        ? List.of()
        : answer.unprocessedPuts().getOrDefault(table, List.of());
  }

  /** The query's items, page by page as the iteration reaches them. */
  public Iterable<Map<String, AttributeValue>> query(Query query) {
    return () ->
        new Pages(
            "Query",
            (json, start) -> {
              json.name("TableName").string(query.table());
              json.name("KeyConditionExpression").string(query.keyCondition());
              DynamoDbJson.writeValues(json, query.values());
              writeStart(json, start);
            });
  }

  /** The scan's items, page by page as the iteration reaches them. */
  public Iterable<Map<String, AttributeValue>> scan(Scan scan) {
    return () ->
        new Pages(
            "Scan",
            (json, start) -> {
              json.name("TableName").string(scan.table());
              DynamoDbJson.writeOptional(json, "FilterExpression", scan.filter());
              DynamoDbJson.writeNames(json, scan.names());
              DynamoDbJson.writeValues(json, scan.values());
              if (scan.consistentRead()) {
                json.name("ConsistentRead").bool(true);
              }
              if (scan.pageSize() != null) {
                json.name("Limit").number(scan.pageSize());
              }
              writeStart(json, start);
            });
  }

  private static void writeStart(JsonWriter json, Map<String, AttributeValue> start) {
    if (start != null) {
      DynamoDbJson.writeItem(json, "ExclusiveStartKey", start);
    }
  }

  private static void writePut(JsonWriter json, Put put) {
    json.name("TableName").string(put.table());
    DynamoDbJson.writeItem(json, "Item", put.item());
    DynamoDbJson.writeOptional(json, "ConditionExpression", put.condition());
    DynamoDbJson.writeNames(json, put.names());
    DynamoDbJson.writeValues(json, put.values());
  }

  private static void writeUpdate(JsonWriter json, Update update) {
    json.name("TableName").string(update.table());
    DynamoDbJson.writeItem(json, "Key", update.key());
    json.name("UpdateExpression").string(update.update());
    DynamoDbJson.writeOptional(json, "ConditionExpression", update.condition());
    DynamoDbJson.writeNames(json, update.names());
    DynamoDbJson.writeValues(json, update.values());
  }

  /** Writes a request's fields into its JSON object. */
  private interface Body {
    void write(JsonWriter json);
  }

  /** Writes a page request's fields, from the given start key (null: the first page). */
  private interface PageBody {
    void write(JsonWriter json, Map<String, AttributeValue> start);
  }

  /** The items of a Query or Scan, one request per page. */
  private final class Pages implements Iterator<Map<String, AttributeValue>> {
    private final String action;
    private final PageBody body;
    private Iterator<Map<String, AttributeValue>> page =
        List.<Map<String, AttributeValue>>of().iterator();
    private Map<String, AttributeValue> next;
    private boolean more = true;

    Pages(String action, PageBody body) {
      this.action = action;
      this.body = body;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && more) {
        Map<String, AttributeValue> start = next;
        DynamoDbJson.Answer answer = call(action, json -> body.write(json, start));
        page =
            answer.items() == null
                ? List.<Map<String, AttributeValue>>of().iterator()
                : answer.items().iterator();
        next = answer.lastEvaluatedKey();
        more = next != null && !next.isEmpty();
      }
      return page.hasNext();
    }

    @Override
    public Map<String, AttributeValue> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }
  }

  private DynamoDbJson.Answer call(String action, Body body) {
    byte[] content = encode(body);
    long deadline = System.nanoTime() + budget.call().toNanos();
    for (int attempt = 1; ; attempt++) {
      DynamoDbException failure;
      try {
        return attempt(action, content);
      } catch (DynamoDbException e) {
        failure = e;
      }
      long pause = pause(attempt);
      if (attempt >= retries.attempts
          || !retries.retries(failure)
          || System.nanoTime() + pause * 1_000_000 >= deadline) {
        throw failure;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  /** Full jitter over an exponential ceiling. */
  private long pause(int attempt) {
    long ceiling =
        Math.min(retries.maxPauseMillis, retries.firstPauseMillis << Math.min(attempt - 1, 16));
    return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
  }

  private DynamoDbJson.Answer attempt(String action, byte[] content) {
    SignedHttp.Answer answer;
    try {
      answer =
          http.send(
              SdkHttpFullRequest.builder()
                  .method(SdkHttpMethod.POST)
                  .uri(endpoint)
                  .putHeader("Content-Type", "application/x-amz-json-1.0")
                  .putHeader("X-Amz-Target", TARGET + action)
                  .putHeader("Content-Length", Integer.toString(content.length))
                  .build(),
              content);
    } catch (IOException | RuntimeException e) {
      // No answer (refused, timed out) or no request (no credentials): nothing is known of it.
      throw new DynamoDbException("NoAnswer", 0, action + ": " + e.getClass().getSimpleName(), e);
    }
    DynamoDbJson.Answer read;
    try {
      read = DynamoDbJson.read(answer.body());
    } catch (IOException e) {
      throw new DynamoDbException(
          "UnreadableAnswer", answer.status() / 100 == 2 ? 0 : answer.status(), action, e);
    }
    if (answer.status() / 100 == 2) {
      return read;
    }
    String type = read.errorType() == null ? "" : read.errorType();
    type = type.substring(type.lastIndexOf('#') + 1);
    throw switch (type) {
      case "ConditionalCheckFailedException" ->
          new DynamoDbException.ConditionalCheckFailedException(read.message(), read.item());
      case "TransactionCanceledException" ->
          new DynamoDbException.TransactionCanceledException(
              read.message(),
              read.cancellationReasons() == null ? List.of() : read.cancellationReasons());
      default ->
          new DynamoDbException(
              type.isEmpty() ? "Unknown" : type, answer.status(), read.message(), null);
    };
  }

  private static byte[] encode(Body body) {
    JsonWriter json = JsonWriter.forBytes().startObject();
    body.write(json);
    return json.endObject().utf8();
  }
}
