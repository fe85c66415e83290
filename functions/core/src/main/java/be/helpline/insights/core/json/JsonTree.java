package be.helpline.insights.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON trees read and written with Jackson's streaming parser and generator, without {@link
 * Json#mapper()}: building the mapper and its (de)serialisers loads some 400 classes, most of an
 * HTTP function's cold start beyond its storage call (issue 19). Reads as strictly as the mapper
 * (duplicate keys, trailing content and malformed JSON refused) into the same node types; writes
 * trees, maps (keys sorted, as the mapper's ORDER_MAP_ENTRIES_BY_KEYS), collections and scalars,
 * and hands anything else to the mapper.
 */
public final class JsonTree {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** The document's tree; a {@link MissingNode} for an empty one. */
  public static JsonNode read(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser);
    }
  }

  public static JsonNode read(InputStream json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser);
    }
  }

  public static JsonNode read(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return read(parser);
    }
  }

  private static JsonNode read(JsonParser parser) throws IOException {
    if (parser.nextToken() == null) {
      return MissingNode.getInstance();
    }
    JsonNode root = value(parser);
    if (parser.nextToken() != null) {
      throw new IOException("trailing content after the JSON value");
    }
    return root;
  }

  /** The value the parser is on, read whole. */
  private static JsonNode value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, value(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected " + parser.currentToken());
    };
  }

  /** Writes a tree, a map, a collection or a scalar; anything else through the mapper. */
  public static void write(Object value, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, value);
    }
  }

  public static byte[] bytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** As text (characters beyond the BMP as they are; the bytes escape them, as the mapper's do). */
  public static String text(Object value) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    switch (value) {
      case null -> json.writeNull();
      case JsonNode node -> node(json, node);
      case String text -> json.writeString(text);
      case Boolean bool -> json.writeBoolean(bool);
      case Integer number -> json.writeNumber(number);
      case Long number -> json.writeNumber(number);
      case Double number -> json.writeNumber(number);
      case BigDecimal number -> json.writeNumber(number);
      case BigInteger number -> json.writeNumber(number);
      case Map<?, ?> map -> {
        json.writeStartObject();
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
        for (Map.Entry<String, Object> entry : sorted.entrySet()) {
          json.writeFieldName(entry.getKey());
          write(json, entry.getValue());
        }
        json.writeEndObject();
      }
      case Collection<?> collection -> {
        json.writeStartArray();
        for (Object element : collection) {
          write(json, element);
        }
        json.writeEndArray();
      }
      default -> Json.mapper().writeValue(json, value);
    }
  }

  private static void number(JsonGenerator json, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> json.writeNumber(node.intValue());
      case LONG -> json.writeNumber(node.longValue());
      case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
      case FLOAT -> json.writeNumber(node.floatValue());
      case DOUBLE -> json.writeNumber(node.doubleValue());
      case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
    }
  }

  private static void node(JsonGenerator json, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          json.writeFieldName(field.getKey());
          node(json, field.getValue());
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (JsonNode element : node) {
          node(json, element);
        }
        json.writeEndArray();
      }
      case STRING -> json.writeString(node.textValue());
      case NUMBER -> number(json, node);
      case BOOLEAN -> json.writeBoolean(node.booleanValue());
      case NULL -> json.writeNull();
      case BINARY -> json.writeBinary(node.binaryValue());
      case MISSING -> json.writeNull();
      default -> Json.mapper().writeValue(json, node);
    }
  }
}
