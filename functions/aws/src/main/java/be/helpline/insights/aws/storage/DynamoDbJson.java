package be.helpline.insights.aws.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's JSON protocol (version 1.0) with Jackson's streaming parser and generator: attribute
 * values and items written into a request, and the parts of an answer the functions read.
 */
final class DynamoDbJson {
  static final JsonFactory FACTORY = new JsonFactory();

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

  static void writeItem(JsonGenerator json, String field, Map<String, AttributeValue> item)
      throws IOException {
    json.writeFieldName(field);
    writeMap(json, item);
  }

  static void writeNames(JsonGenerator json, Map<String, String> names) throws IOException {
    if (names != null && !names.isEmpty()) {
      json.writeObjectFieldStart("ExpressionAttributeNames");
      for (Map.Entry<String, String> name : names.entrySet()) {
        json.writeStringField(name.getKey(), name.getValue());
      }
      json.writeEndObject();
    }
  }

  static void writeValues(JsonGenerator json, Map<String, AttributeValue> values)
      throws IOException {
    if (values != null && !values.isEmpty()) {
      writeItem(json, "ExpressionAttributeValues", values);
    }
  }

  static void writeOptional(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static void writeMap(JsonGenerator json, Map<String, AttributeValue> map)
      throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
      json.writeFieldName(entry.getKey());
      writeValue(json, entry.getValue());
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
    json.writeStartObject();
    String type = value.type().name();
    switch (value.type()) {
      case S, N -> json.writeStringField(type, (String) value.raw());
      case B -> json.writeStringField(type, Base64.getEncoder().encodeToString(value.b()));
      case BOOL, NULL -> json.writeBooleanField(type, (Boolean) value.raw());
      case L -> {
        json.writeArrayFieldStart(type);
        for (AttributeValue element : value.l()) {
          writeValue(json, element);
        }
        json.writeEndArray();
      }
      case M -> {
        json.writeFieldName(type);
        writeMap(json, value.m());
      }
      case SS, NS -> {
        json.writeArrayFieldStart(type);
        for (String element : type.equals("SS") ? value.ss() : value.ns()) {
          json.writeString(element);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
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
    try (JsonParser json = FACTORY.createParser(body)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken token = json.nextToken();
        switch (field) {
          case "__type" -> errorType = json.getText();
          case "message", "Message" -> message = json.getText();
          case "Item" -> item = readMap(json);
          case "Items" -> items = readItems(json);
          case "LastEvaluatedKey" -> lastEvaluatedKey = readMap(json);
          case "UnprocessedItems" -> unprocessed = readUnprocessedPuts(json);
          case "CancellationReasons" -> reasons = readReasons(json);
          default -> {
            if (token.isStructStart()) {
              json.skipChildren();
            }
          }
        }
      }
    }
    return new Answer(errorType, message, item, items, lastEvaluatedKey, unprocessed, reasons);
  }

  private static List<Map<String, AttributeValue>> readItems(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_ARRAY);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      items.add(readMap(json));
    }
    return items;
  }

  /** {@code {"table": [{"PutRequest": {"Item": {…}}}, …]}}: the puts, by table. */
  private static Map<String, List<Map<String, AttributeValue>>> readUnprocessedPuts(JsonParser json)
      throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    Map<String, List<Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      List<Map<String, AttributeValue>> puts =
          byTable.computeIfAbsent(json.currentName(), table -> new ArrayList<>());
      expect(json.nextToken(), JsonToken.START_ARRAY);
      while (json.nextToken() == JsonToken.START_OBJECT) {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String request = json.currentName();
          expect(json.nextToken(), JsonToken.START_OBJECT);
          if (!request.equals("PutRequest")) {
            throw new IOException("unexpected unprocessed " + request);
          }
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
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

  private static List<String> readReasons(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_ARRAY);
    List<String> reasons = new ArrayList<>();
    while (json.nextToken() == JsonToken.START_OBJECT) {
      String code = "None";
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (field.equals("Code")) {
          code = json.getText();
        } else {
          json.skipChildren();
        }
      }
      reasons.add(code);
    }
    return reasons;
  }

  /** An item or a map value: the parser is on its START_OBJECT, and is left on its END_OBJECT. */
  private static Map<String, AttributeValue> readMap(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      json.nextToken();
      map.put(name, readValue(json));
    }
    return map;
  }

  private static AttributeValue readValue(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    expect(json.nextToken(), JsonToken.FIELD_NAME);
    String type = json.currentName();
    JsonToken token = json.nextToken();
    AttributeValue value =
        switch (type) {
          case "S" -> AttributeValue.fromS(json.getText());
          case "N" -> AttributeValue.fromN(json.getText());
          case "B" -> AttributeValue.fromB(Base64.getDecoder().decode(json.getText()));
          case "BOOL" -> AttributeValue.fromBool(token == JsonToken.VALUE_TRUE);
          case "NULL" -> AttributeValue.fromNul();
          case "M" -> AttributeValue.fromM(readMap(json));
          case "L" -> {
            expect(token, JsonToken.START_ARRAY);
            List<AttributeValue> list = new ArrayList<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
              list.add(readValue(json));
            }
            yield AttributeValue.fromL(list);
          }
          case "SS", "NS" -> {
            expect(token, JsonToken.START_ARRAY);
            List<String> set = new ArrayList<>();
            while (json.nextToken() != JsonToken.END_ARRAY) {
              set.add(json.getText());
            }
            yield type.equals("SS") ? AttributeValue.fromSs(set) : AttributeValue.fromNs(set);
          }
          default -> throw new IOException("unsupported attribute type " + type);
        };
    expect(json.nextToken(), JsonToken.END_OBJECT);
    return value;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " in DynamoDB's answer, found " + actual);
    }
  }
}
