package be.helpline.insights.aws.storage;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Daily counters in DynamoDB: one item per (family, subject, shard, day), {@code pk =
 * <family>#<subject>#<shard>}, {@code sk = <day>}, whose top-level number attributes ({@code
 * n:<counter>}) are the counters. A write picks a random shard, so a busy subject spreads over
 * several partition keys, and is one atomic UpdateItem that ADDs every increment at once. Reads are
 * Queries by key, one per (family, subject, shard), from a day on ({@code sk >= <day>}; ISO days
 * sort as strings): a run reads the configured subjects' open days and nothing else, whatever else
 * the table holds. Give it a client with {@link DynamoDbHttp.Retries#ONLY_THROTTLING}: retrying a
 * write that may have landed would count it twice. (Not a transaction with an idempotency token:
 * transactions on one hot item conflict with each other, and counter items are the hottest there
 * are.)
 */
public final class DynamoDbDailyCounterStore implements DailyCounterStore {
  private static final String COUNTER_PREFIX = "n:";

  private final DynamoDbHttp dynamoDb;
  private final String table;
  private final int shards;
  private final int retentionDays;

  public DynamoDbDailyCounterStore(
      DynamoDbHttp dynamoDb, String table, int shards, int retentionDays) {
    if (shards < 1) {
      throw new IllegalArgumentException("at least one shard");
    }
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.shards = shards;
    this.retentionDays = retentionDays;
  }

  /**
   * A store the aggregator only reads from, every shard of {@code shards} (COUNTER_SHARDS, which
   * may therefore be raised but never lowered); it never writes, so retention does not apply.
   */
  public static DynamoDbDailyCounterStore forReading(
      DynamoDbHttp dynamoDb, String table, int shards) {
    return new DynamoDbDailyCounterStore(dynamoDb, table, shards, 0);
  }

  @Override
  public void add(CounterKey key, Map<String, Long> increments) {
    if (increments.isEmpty()) {
      return;
    }
    int shard = ThreadLocalRandom.current().nextInt(shards);
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder add = new StringBuilder("ADD ");
    int i = 0;
    for (Map.Entry<String, Long> increment : increments.entrySet()) {
      names.put("#c" + i, COUNTER_PREFIX + increment.getKey());
      values.put(":c" + i, number(increment.getValue()));
      add.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i);
      i++;
    }
    names.put("#family", "family");
    names.put("#subject", "subject");
    names.put("#date", "date");
    names.put("#expiresAt", "expiresAt");
    values.put(":family", AttributeValue.fromS(key.family()));
    values.put(":subject", AttributeValue.fromS(key.subject()));
    values.put(":date", AttributeValue.fromS(key.date().toString()));
    values.put(":expiresAt", number(expiresAt(key.date())));
    DynamoDbHttp.Update update =
        new DynamoDbHttp.Update(
            table,
            Map.of(
                "pk", AttributeValue.fromS(partitionKey(key.family(), key.subject(), shard)),
                "sk", AttributeValue.fromS(key.date().toString())),
            add
                + " SET #family = :family, #subject = :subject, #date = :date,"
                + " #expiresAt = :expiresAt",
            null,
            names,
            values);
    try {
      dynamoDb.updateItem(update);
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("counters not stored", e);
    }
  }

  @Override
  public List<DailyCounts> read(String family, Collection<String> subjects, LocalDate from) {
    Map<CounterKey, Map<String, Long>> sums = new LinkedHashMap<>();
    try {
      for (String subject : subjects) {
        for (int shard = 0; shard < shards; shard++) {
          DynamoDbHttp.Query query =
              new DynamoDbHttp.Query(
                  table,
                  "pk = :pk AND sk >= :from",
                  Map.of(
                      ":pk", AttributeValue.fromS(partitionKey(family, subject, shard)),
                      ":from", AttributeValue.fromS(from.toString())));
          for (Map<String, AttributeValue> item : dynamoDb.query(query)) {
            CounterKey key = new CounterKey(family, subject, LocalDate.parse(item.get("sk").s()));
            Map<String, Long> counts = sums.computeIfAbsent(key, k -> new HashMap<>());
            item.forEach(
                (name, value) -> {
                  if (name.startsWith(COUNTER_PREFIX) && value.n() != null) {
                    counts.merge(
                        name.substring(COUNTER_PREFIX.length()),
                        Long.parseLong(value.n()),
                        Long::sum);
                  }
                });
          }
        }
      }
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("counters not readable", e);
    }
    List<DailyCounts> result = new ArrayList<>();
    sums.forEach((key, counts) -> result.add(new DailyCounts(key, counts)));
    return result;
  }

  private static String partitionKey(String family, String subject, int shard) {
    return family + "#" + subject + "#" + shard;
  }

  private long expiresAt(LocalDate date) {
    return date.plusDays(retentionDays).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
