package be.helpline.insights.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON trees (Jackson's node types, which the domain code reads) read with {@link JsonReader} and
 * written with {@link JsonWriter}, without Jackson's parser, generator or {@link Json#mapper()}:
 * their classes were most of an HTTP function's cold start beyond its storage call (issue 19).
 * Reads as strictly as the mapper (duplicate keys, trailing content and malformed JSON refused)
 * into the same node types; writes trees, maps (keys sorted, as the mapper's
 * ORDER_MAP_ENTRIES_BY_KEYS), collections and scalars as the mapper writes them, and hands anything
 * else to the mapper.
 */
public final class JsonTree {
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
    return read(JsonReader.of(json));
  }

  public static JsonNode read(InputStream json) throws IOException {
    return read(json.readAllBytes());
  }

  public static JsonNode read(String json) throws IOException {
    return read(JsonReader.of(json));
  }

  private static JsonNode read(JsonReader reader) throws IOException {
    if (reader.next() == null) {
      return MissingNode.getInstance();
    }
    JsonNode root = value(reader);
    if (reader.next() != null) {
      throw new IOException("trailing content after the JSON value");
    }
    return root;
  }

  /** The value the reader is on, read whole. */
  private static JsonNode value(JsonReader reader) throws IOException {
    return switch (reader.current()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (reader.next() == JsonReader.Token.NAME) {
          String name = reader.text();
          reader.next();
          object.set(name, value(reader));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (reader.next() != JsonReader.Token.END_ARRAY) {
          array.add(value(reader));
        }
        yield array;
      }
      case STRING -> NODES.textNode(reader.text());
      case INTEGER -> integer(reader.integer());
      case DECIMAL -> NODES.numberNode(reader.decimal());
      case TRUE -> NODES.booleanNode(true);
      case FALSE -> NODES.booleanNode(false);
      case NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected " + reader.current());
    };
  }

  private static JsonNode integer(Number number) {
    if (number instanceof Integer small) {
      return NODES.numberNode(small.intValue());
    }
    if (number instanceof Long large) {
      return NODES.numberNode(large.longValue());
    }
    return NODES.numberNode((BigInteger) number);
  }

  /** Writes a tree, a map, a collection or a scalar (UTF-8); anything else through the mapper. */
  public static void write(Object value, OutputStream out) throws IOException {
    out.write(bytes(value));
    out.flush();
  }

  /** As the mapper's bytes (UTF-16 surrogates escaped, as its UTF-8 generator writes them). */
  public static byte[] bytes(Object value) {
    JsonWriter json = JsonWriter.forBytes();
    write(json, value, true);
    return json.utf8();
  }

  /** As text (characters beyond the BMP as they are; the bytes escape them, as the mapper's do). */
  public static String text(Object value) {
    JsonWriter json = JsonWriter.forText();
    write(json, value, false);
    return json.toString();
  }

  // instanceof, not a pattern switch: a type switch's bootstrap generates a class on its first
  // use, a cost every cold start would pay on its first answer.
  private static void write(JsonWriter json, Object value, boolean forBytes) {
    if (value == null) {
      json.nullValue();
    } else if (value instanceof JsonNode node) {
      node(json, node, forBytes);
    } else if (value instanceof String text) {
      json.string(text);
    } else if (value instanceof Boolean bool) {
      json.bool(bool);
    } else if (value instanceof Integer || value instanceof Long) {
      json.number(((Number) value).longValue());
    } else if (value instanceof Double number) {
      json.number(number.doubleValue());
    } else if (value instanceof BigDecimal number) {
      json.number(number);
    } else if (value instanceof BigInteger number) {
      json.number(number);
    } else if (value instanceof Map<?, ?> map) {
      json.startObject();
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
      for (Map.Entry<String, Object> entry : sorted.entrySet()) {
        json.name(entry.getKey());
        write(json, entry.getValue(), forBytes);
      }
      json.endObject();
    } else if (value instanceof Collection<?> collection) {
      json.startArray();
      for (Object element : collection) {
        write(json, element, forBytes);
      }
      json.endArray();
    } else {
      json.raw(throughTheMapper(value, forBytes));
    }
  }

  private static String throughTheMapper(Object value, boolean forBytes) {
    try {
      return forBytes
          ? new String(Json.mapper().writeValueAsBytes(value), StandardCharsets.UTF_8)
          : Json.mapper().writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void number(JsonWriter json, JsonNode node) {
    switch (node.numberType()) {
      case INT, LONG -> json.number(node.longValue());
      case BIG_INTEGER -> json.number(node.bigIntegerValue());
      case FLOAT -> json.number(node.floatValue());
      case DOUBLE -> json.number(node.doubleValue());
      case BIG_DECIMAL -> json.number(node.decimalValue());
    }
  }

  private static void node(JsonWriter json, JsonNode node, boolean forBytes) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.startObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          json.name(field.getKey());
          node(json, field.getValue(), forBytes);
        }
        json.endObject();
      }
      case ARRAY -> {
        json.startArray();
        for (JsonNode element : node) {
          node(json, element, forBytes);
        }
        json.endArray();
      }
      case STRING -> json.string(node.textValue());
      case NUMBER -> number(json, node);
      case BOOLEAN -> json.bool(node.booleanValue());
      case NULL, MISSING -> json.nullValue();
      case BINARY -> json.string(Base64.getEncoder().encodeToString(binary(node)));
      default -> json.raw(throughTheMapper(node, forBytes));
    }
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
