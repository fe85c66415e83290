package be.helpline.insights.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/** Random trees for comparing the project's reader and writer with Jackson's (seeded). */
final class RandomJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Characters a string draws from: ASCII, escapes, controls, accents, U+2028, lone surrogates. */
  private static final String ALPHABET =
      "aZ09 _-/\\\"'\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u00ff\u0100\u2028\u2029\ufeff\uffff"
          + "\ud800\udfff";

  private final Random random;

  RandomJson(long seed) {
    random = new Random(seed);
  }

  JsonNode tree(int depth) {
    int kind = random.nextInt(depth <= 0 ? 6 : 8);
    return switch (kind) {
      case 0 -> NODES.textNode(string());
      case 1 -> NODES.numberNode(random.nextInt());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> number();
      case 4 -> NODES.booleanNode(random.nextBoolean());
      case 5 -> NODES.nullNode();
      case 6 -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(string(), tree(depth - 1));
        }
        yield object;
      }
      default -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          array.add(tree(depth - 1));
        }
        yield array;
      }
    };
  }

  private JsonNode number() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      case 1 -> NODES.numberNode(-random.nextGaussian());
      case 2 -> NODES.numberNode(new BigInteger(100, random).negate());
      case 3 -> NODES.numberNode(new BigDecimal(new BigInteger(40, random), random.nextInt(30)));
      case 4 -> NODES.numberNode((float) random.nextGaussian());
      default -> NODES.numberNode(new double[] {0.0, -0.0, 1e300, 5e-324}[random.nextInt(4)]);
    };
  }

  String string() {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      if (random.nextInt(10) == 0) {
        text.appendCodePoint(0x1F600 + random.nextInt(50)); // a pair beyond the BMP
      } else {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return text.toString();
  }
}
