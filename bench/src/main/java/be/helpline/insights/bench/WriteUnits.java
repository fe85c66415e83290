package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB write units of the writes a {@link CountingProxy} saw, counted from the requests as
 * DynamoDB bills them (on demand): one unit per started kilobyte of the item written, twice that
 * inside a transaction. moto answers {@code ReturnConsumedCapacity} with one unit whatever the
 * size, so the size is computed here by DynamoDB's documented item-size rules. An {@code
 * UpdateItem} request does not carry its item, so it is billed at the item's size when the load
 * ended: counters only grow, so this is an upper bound.
 */
final class WriteUnits {
  private static final double KILOBYTE = 1024;

  /** Units per kind of event; {@code kindOf} names a write's kind from its table and key. */
  static Map<String, Double> of(
      List<CountingProxy.Exchange> exchanges,
      DynamoDbClient direct,
      Function<JsonNode, String> kindOf) {
    Map<String, Map<String, Integer>> sizes = new HashMap<>();
    Map<String, Double> units = new TreeMap<>();
    for (CountingProxy.Exchange exchange : exchanges) {
      if (!exchange.service().equals("dynamodb")
          || !billed(exchange)
          || exchange.requestBody() == null) {
        continue;
      }
      JsonNode request = read(exchange.requestBody());
      switch (exchange.operation()) {
        case "PutItem" -> add(units, kindOf, request, size(request.path("Item")), 1);
        case "UpdateItem", "DeleteItem" ->
            add(units, kindOf, request, stored(sizes, direct, request), 1);
        case "TransactWriteItems" -> {
          for (JsonNode item : request.path("TransactItems")) {
            JsonNode put = item.path("Put");
            if (!put.isMissingNode()) {
              add(units, kindOf, put, size(put.path("Item")), 2);
            }
            for (String operation : List.of("Update", "Delete")) {
              JsonNode write = item.path(operation);
              if (!write.isMissingNode()) {
                add(units, kindOf, write, stored(sizes, direct, write), 2);
              }
            }
          }
        }
        default -> {}
      }
    }
    return units;
  }

  /**
   * Applied writes, and refused ones that DynamoDB bills all the same: a failed condition (an
   * idempotent retry's insert) consumes the units it would have written. Throttled ones do not.
   */
  private static boolean billed(CountingProxy.Exchange exchange) {
    if (exchange.status() == 200) {
      return true;
    }
    String answer =
        exchange.responseBody() == null
            ? ""
            : new String(exchange.responseBody(), StandardCharsets.UTF_8);
    return exchange.status() == 400
        && (answer.contains("ConditionalCheckFailed") || answer.contains("TransactionCanceled"));
  }

  private static void add(
      Map<String, Double> units,
      Function<JsonNode, String> kindOf,
      JsonNode write,
      int bytes,
      int factor) {
    units.merge(
        kindOf.apply(write), factor * Math.max(1, Math.ceil(bytes / KILOBYTE)), Double::sum);
  }

  /** The size of the item a write's {@code Key} names, as stored now (0 when gone). */
  private static int stored(
      Map<String, Map<String, Integer>> sizes, DynamoDbClient direct, JsonNode write) {
    String table = write.path("TableName").asText();
    Map<String, Integer> ofTable =
        sizes.computeIfAbsent(
            table,
            name -> {
              Map<String, Integer> all = new HashMap<>();
              direct
                  .scanPaginator(scan -> scan.tableName(name))
                  .items()
                  .forEach(item -> all.put(key(item.get("pk").s(), item.get("sk")), size(item)));
              return all;
            });
    JsonNode key = write.path("Key");
    JsonNode sk = key.path("sk");
    String sortKey = sk.has("S") ? sk.path("S").asText() : sk.path("N").asText();
    return ofTable.getOrDefault(key.path("pk").path("S").asText() + "\u0000" + sortKey, 0);
  }

  private static String key(String pk, AttributeValue sk) {
    return pk + "\u0000" + (sk == null ? "" : sk.s() != null ? sk.s() : sk.n());
  }

  /** An item's size from the SDK's values: names plus values, by DynamoDB's rules. */
  static int size(Map<String, AttributeValue> item) {
    int bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes += utf8(attribute.getKey()) + size(attribute.getValue());
    }
    return bytes;
  }

  private static int size(AttributeValue value) {
    return switch (value.type()) {
      case S -> utf8(value.s());
      case N -> number(value.n());
      case B -> value.b().asByteArray().length;
      case BOOL, NUL -> 1;
      case SS -> value.ss().stream().mapToInt(WriteUnits::utf8).sum();
      case NS -> value.ns().stream().mapToInt(WriteUnits::number).sum();
      case L -> 3 + value.l().stream().mapToInt(element -> 1 + size(element)).sum();
      case M -> 3 + size(value.m()) + value.m().size();
      default -> 0;
    };
  }

  /** An item's size from its JSON wire form ({"name": {"S": "..."}, ...}). */
  static int size(JsonNode item) {
    int bytes = 0;
    for (Map.Entry<String, JsonNode> attribute : item.properties()) {
      bytes += utf8(attribute.getKey()) + valueSize(attribute.getValue());
    }
    return bytes;
  }

  private static int valueSize(JsonNode value) {
    Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
    JsonNode inner = typed.getValue();
    return switch (typed.getKey()) {
      case "S" -> utf8(inner.asText());
      case "N" -> number(inner.asText());
      case "B" -> (inner.asText().length() * 3) / 4;
      case "BOOL", "NULL" -> 1;
      case "SS" -> sum(inner, element -> utf8(element.asText()));
      case "NS" -> sum(inner, element -> number(element.asText()));
      case "L" -> 3 + sum(inner, element -> 1 + valueSize(element));
      case "M" -> 3 + size(inner) + inner.size();
      default -> 0;
    };
  }

  private static int sum(JsonNode array, java.util.function.ToIntFunction<JsonNode> size) {
    int total = 0;
    for (JsonNode element : array) {
      total += size.applyAsInt(element);
    }
    return total;
  }

  /** A number: one byte per two significant digits, plus one. */
  private static int number(String number) {
    String digits = number.replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
    return (Math.max(1, digits.length()) + 1) / 2 + 1;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static JsonNode read(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WriteUnits() {}
}
