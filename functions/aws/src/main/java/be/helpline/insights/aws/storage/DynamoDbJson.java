package be.helpline.insights.aws.storage;

import be.helpline.insights.core.json.JsonReader;
import be.helpline.insights.core.json.JsonReader.Token;
import be.helpline.insights.core.json.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's JSON protocol (version 1.0) with the project's streaming reader and writer: attribute
 * values and items written into a request, and the parts of an answer the functions read.
 */
final class DynamoDbJson {
  private DynamoDbJson() {}

  /** The parts of an answer the client uses; absent parts are null. */
  record Answer(
      String errorType,
      String message,
      Map<String, AttributeValue> item,
      List<Map<String, AttributeValue>> items,
      Map<String, AttributeValue> lastEvaluatedKey,
      Map<String, List<Map<String, AttributeValue>>> unprocessedPuts,
      List<String> cancellationReasons) {}

  static void writeItem(JsonWriter json, String field, Map<String, AttributeValue> item) {
    json.name(field);
    writeMap(json, item);
  }

  static void writeNames(JsonWriter json, Map<String, String> names) {
    if (names != null && !names.isEmpty()) {
      json.name("ExpressionAttributeNames").startObject();
      for (Map.Entry<String, String> name : names.entrySet()) {
        json.name(name.getKey()).string(name.getValue());
      }
      json.endObject();
    }
  }

  static void writeValues(JsonWriter json, Map<String, AttributeValue> values) {
    if (values != null && !values.isEmpty()) {
      writeItem(json, "ExpressionAttributeValues", values);
    }
  }

  static void writeOptional(JsonWriter json, String field, String value) {
    if (value != null) {
      json.name(field).string(value);
    }
  }

  private static void writeMap(JsonWriter json, Map<String, AttributeValue> map) {
    json.startObject();
    for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
      json.name(entry.getKey());
      writeValue(json, entry.getValue());
    }
    json.endObject();
  }

  private static void writeValue(JsonWriter json, AttributeValue value) {
    json.startObject();
    String type = value.type().name();
    switch (value.type()) {
      case S, N -> json.name(type).string((String) value.raw());
      case B -> json.name(type).string(Base64.getEncoder().encodeToString(value.b()));
      case BOOL, NULL -> json.name(type).bool((Boolean) value.raw());
      case L -> {
        json.name(type).startArray();
        for (AttributeValue element : value.l()) {
          writeValue(json, element);
        }
        json.endArray();
      }
      case M -> {
        json.name(type);
        writeMap(json, value.m());
      }
      case SS, NS -> {
        json.name(type).startArray();
        for (String element : type.equals("SS") ? value.ss() : value.ns()) {
          json.string(element);
        }
        json.endArray();
      }
    }
    json.endObject();
  }

  /** Reads an answer's body (an error's too), skipping what the client does not use. */
  static Answer read(byte[] body) throws IOException {
    String errorType = null;
    String message = null;
    Map<String, AttributeValue> item = null;
    List<Map<String, AttributeValue>> items = null;
    Map<String, AttributeValue> lastEvaluatedKey = null;
    Map<String, List<Map<String, AttributeValue>>> unprocessed = null;
    List<String> reasons = null;
    if (body.length == 0) {
      return new Answer(null, null, null, null, null, null, null);
    }
    JsonReader json = JsonReader.of(body);
    expect(json.next(), Token.START_OBJECT);
    while (json.next() == Token.NAME) {
      String field = json.text();
      Token token = json.next();
      switch (field) {
        case "__type" -> errorType = json.text();
        case "message", "Message" -> message = json.text();
        case "Item" -> item = readMap(json);
        case "Items" -> items = readItems(json);
        case "LastEvaluatedKey" -> lastEvaluatedKey = readMap(json);
        case "UnprocessedItems" -> unprocessed = readUnprocessedPuts(json);
        case "CancellationReasons" -> reasons = readReasons(json);
        default -> {
          if (token == Token.START_OBJECT || token == Token.START_ARRAY) {
            json.skipChildren();
          }
        }
      }
    }
    return new Answer(errorType, message, item, items, lastEvaluatedKey, unprocessed, reasons);
  }

  private static List<Map<String, AttributeValue>> readItems(JsonReader json) throws IOException {
    expect(json.current(), Token.START_ARRAY);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    while (json.next() != Token.END_ARRAY) {
      items.add(readMap(json));
    }
    return items;
  }

  /** {@code {"table": [{"PutRequest": {"Item": {…}}}, …]}}: the puts, by table. */
  private static Map<String, List<Map<String, AttributeValue>>> readUnprocessedPuts(JsonReader json)
      throws IOException {
    expect(json.current(), Token.START_OBJECT);
    Map<String, List<Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
    while (json.next() == Token.NAME) {
      List<Map<String, AttributeValue>> puts =
          byTable.computeIfAbsent(json.text(), table -> new ArrayList<>());
      expect(json.next(), Token.START_ARRAY);
      while (json.next() == Token.START_OBJECT) {
        while (json.next() == Token.NAME) {
          String request = json.text();
          expect(json.next(), Token.START_OBJECT);
          if (!request.equals("PutRequest")) {
            throw new IOException("unexpected unprocessed " + request);
          }
          while (json.next() == Token.NAME) {
            String field = json.text();
            json.next();
            if (field.equals("Item")) {
              puts.add(readMap(json));
            } else {
              json.skipChildren();
            }
          }
        }
      }
    }
    return byTable;
  }

  private static List<String> readReasons(JsonReader json) throws IOException {
    expect(json.current(), Token.START_ARRAY);
    List<String> reasons = new ArrayList<>();
    while (json.next() == Token.START_OBJECT) {
      String code = "None";
      while (json.next() == Token.NAME) {
        String field = json.text();
        json.next();
        if (field.equals("Code")) {
          code = json.text();
        } else {
          json.skipChildren();
        }
      }
      reasons.add(code);
    }
    return reasons;
  }

  /** An item or a map value: the parser is on its START_OBJECT, and is left on its END_OBJECT. */
  private static Map<String, AttributeValue> readMap(JsonReader json) throws IOException {
    expect(json.current(), Token.START_OBJECT);
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    while (json.next() == Token.NAME) {
      String name = json.text();
      json.next();
      map.put(name, readValue(json));
    }
    return map;
  }

  private static AttributeValue readValue(JsonReader json) throws IOException {
    expect(json.current(), Token.START_OBJECT);
    expect(json.next(), Token.NAME);
    String type = json.text();
    Token token = json.next();
    AttributeValue value =
        switch (type) {
          case "S" -> AttributeValue.fromS(json.text());
          case "N" -> AttributeValue.fromN(json.text());
          case "B" -> AttributeValue.fromB(Base64.getDecoder().decode(json.text()));
          case "BOOL" -> AttributeValue.fromBool(token == Token.TRUE);
          case "NULL" -> AttributeValue.fromNul();
          case "M" -> AttributeValue.fromM(readMap(json));
          case "L" -> {
            expect(token, Token.START_ARRAY);
            List<AttributeValue> list = new ArrayList<>();
            while (json.next() != Token.END_ARRAY) {
              list.add(readValue(json));
            }
            yield AttributeValue.fromL(list);
          }
          case "SS", "NS" -> {
            expect(token, Token.START_ARRAY);
            List<String> set = new ArrayList<>();
            while (json.next() != Token.END_ARRAY) {
              set.add(json.text());
            }
            yield type.equals("SS") ? AttributeValue.fromSs(set) : AttributeValue.fromNs(set);
          }
          default -> throw new IOException("unsupported attribute type " + type);
        };
    expect(json.next(), Token.END_OBJECT);
    return value;
  }

  private static void expect(Token actual, Token expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " in DynamoDB's answer, found " + actual);
    }
  }
}
