package be.helpline.insights.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader against Jackson's mapper (the project's settings): the same trees, node types
 * included, from random documents; the same refusals of hand-picked bad ones and of random
 * corruptions of good ones; the same limits.
 */
class JsonReaderTest {

  @Test
  void reads_theMappersTrees_fromRandomDocuments() throws IOException {
    RandomJson random = new RandomJson(8259);
    int read = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] document = Json.mapper().writeValueAsBytes(random.tree(4));
      JsonNode expected = readOrNull(document, true);
      JsonNode actual = readOrNull(document, false);
      assertThat(actual).isEqualTo(expected);
      if (expected != null) {
        assertThat(types(actual)).isEqualTo(types(expected));
        read++;
      }
    }
    // Jackson refuses unpaired surrogates in member names (this reader too); the rest it reads.
    assertThat(read).as("documents both read").isGreaterThan(2000);
  }

  @Test
  void readsPlainValues_asTheMapperBindsThemToObject() throws IOException {
    RandomJson random = new RandomJson(1961);
    int read = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] document = Json.mapper().writeValueAsBytes(random.tree(4));
      Object expected;
      try {
        expected = Json.mapper().readValue(document, Object.class);
      } catch (IOException refused) {
        assertThatThrownBy(() -> JsonReader.plain(document)).isInstanceOf(IOException.class);
        continue;
      }
      assertThat(JsonReader.plain(document)).isEqualTo(expected);
      read++;
    }
    assertThat(read).isGreaterThan(1500);
    assertThat(JsonReader.plain(new byte[0])).isNull();
    assertThatThrownBy(() -> JsonReader.plain("{} []")).isInstanceOf(IOException.class);
  }

  @Test
  void reads_numbers_asTheMapperDoes() throws IOException {
    for (String number :
        List.of(
            "0",
            "-0",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678",
            "-12345678901234567",
            "1.5",
            "-0.0",
            "1e2",
            "1E+2",
            "1e-2",
            "2.5e-400",
            "1e400",
            "0.1e1")) {
      String document = "[" + number + "]";
      JsonNode expected = Json.mapper().readTree(document);
      JsonNode actual = JsonTree.read(document);
      assertThat(actual).as(number).isEqualTo(expected);
      assertThat(types(actual)).as(number).isEqualTo(types(expected));
    }
  }

  @Test
  void refuses_whatTheMapperRefuses() {
    List<String> bad =
        List.of(
            "{\"a\":1,\"a\":2}",
            "{} {}",
            "1 2",
            "{\"a\":}",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{,}",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1,,2]",
            "{'a':1}",
            "{a:1}",
            "tru",
            "truex",
            "nul",
            "[True]",
            "{\"a\":1",
            "[1",
            "[",
            "]",
            "}",
            "\"abc",
            "\"a\tb\"",
            "\"a\nb\"",
            "\"\\x\"",
            "\"\\'\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "01",
            "-01",
            "+1",
            ".5",
            "1.",
            "1.e5",
            "1e",
            "1e+",
            "-",
            "--1",
            "1x",
            "0x10",
            "NaN",
            "Infinity",
            "[1]x",
            "{\"a\":[}]");
    for (String document : bad) {
      assertThatThrownBy(() -> Json.mapper().readTree(document))
          .as(document)
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JsonTree.read(document.getBytes(StandardCharsets.UTF_8)))
          .as(document)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void refuses_invalidUtf8_andAcceptsAByteOrderMark_asTheMapperDoes() throws IOException {
    byte[] invalid = {'"', (byte) 0xC3, '"'};
    assertThatThrownBy(() -> Json.mapper().readTree(invalid)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonTree.read(invalid)).isInstanceOf(IOException.class);
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
    assertThat(JsonTree.read(bom)).isEqualTo(Json.mapper().readTree(bom));
  }

  @Test
  void agrees_withTheMapper_onRandomCorruptionsOfGoodDocuments() throws IOException {
    RandomJson trees = new RandomJson(1000);
    Random random = new Random(1001);
    String corruptions = "{}[],:\"\\ 0-.eE+tfnx\u0000";
    int refused = 0;
    for (int i = 0; i < 5000; i++) {
      StringBuilder document = new StringBuilder(Json.mapper().writeValueAsString(trees.tree(3)));
      int at = random.nextInt(document.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> document.insert(at, corruptions.charAt(random.nextInt(corruptions.length())));
        case 1 -> {
          if (at < document.length()) {
            document.deleteCharAt(at);
          }
        }
        default -> {
          if (at < document.length()) {
            document.setCharAt(at, corruptions.charAt(random.nextInt(corruptions.length())));
          }
        }
      }
      byte[] bytes = document.toString().getBytes(StandardCharsets.UTF_8);
      JsonNode expected = readOrNull(bytes, true);
      JsonNode actual = readOrNull(bytes, false);
      assertThat(actual).as(document.toString()).isEqualTo(expected);
      refused += expected == null ? 1 : 0;
    }
    assertThat(refused).as("corruptions refused by both").isGreaterThan(1000);
  }

  @Test
  void refuses_nestingDeeperThanTheMappersLimit_andLongNumbers() throws IOException {
    String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
    assertThat(JsonTree.read(deepest)).isEqualTo(Json.mapper().readTree(deepest));
    String deeper = "[" + deepest + "]";
    assertThatThrownBy(() -> Json.mapper().readTree(deeper)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonTree.read(deeper)).isInstanceOf(IOException.class);
    String longNumber = "1".repeat(JsonReader.MAX_NUMBER_LENGTH + 1);
    assertThatThrownBy(() -> Json.mapper().readTree(longNumber)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonTree.read(longNumber)).isInstanceOf(IOException.class);
  }

  @Test
  void refusals_sayWhereAndWhat_neverWhatTheDocumentHolds() {
    // An HttpHandler logs an unreadable event's error message; a person's words must not be in it.
    for (String bad :
        List.of(
            "{\"Jan Peeters\":1,\"Jan Peeters\":2}",
            "[\"Jan\" Peeters]",
            "{\"a\":\"Jan \\q Peeters\"}",
            "[12Peeters]")) {
      assertThatThrownBy(() -> JsonTree.read(bad))
          .as(bad)
          .isInstanceOf(IOException.class)
          .message()
          .doesNotContain("Jan")
          .doesNotContain("Peeters")
          .doesNotContain("P");
    }
  }

  @Test
  void pulls_tokens_andSkipsChildren() throws IOException {
    JsonReader reader = JsonReader.of("{\"skip\":{\"a\":[1,{\"b\":2}]},\"keep\":\"x\"}");
    List<String> seen = new ArrayList<>();
    reader.next();
    while (reader.next() == JsonReader.Token.NAME) {
      String name = reader.text();
      JsonReader.Token value = reader.next();
      if (name.equals("skip")) {
        reader.skipChildren();
        seen.add(name + " " + reader.current());
      } else {
        seen.add(name + " " + value + " " + reader.text());
      }
    }
    assertThat(seen).containsExactly("skip END_OBJECT", "keep STRING x");
    assertThat(reader.current()).isEqualTo(JsonReader.Token.END_OBJECT);
    assertThat(reader.next()).isNull();
  }

  private static JsonNode readOrNull(byte[] document, boolean mapper) {
    try {
      JsonNode tree = mapper ? Json.mapper().readTree(document) : JsonTree.read(document);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (IOException e) {
      return null;
    }
  }

  private static String types(JsonNode node) {
    StringBuilder types = new StringBuilder(node.getClass().getSimpleName());
    node.forEach(child -> types.append('(').append(types(child)).append(')'));
    return types.toString();
  }
}
