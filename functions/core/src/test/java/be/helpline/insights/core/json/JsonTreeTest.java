package be.helpline.insights.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader and writer give what the mapper gives: the same trees (node types included)
 * from the same documents, the same refusals, the same bytes from the same trees (a registration's
 * hash is taken over them, so a stored hash must still match after the change).
 */
class JsonTreeTest {
  private static final List<String> DOCUMENTS =
      List.of(
          "{}",
          "[]",
          "null",
          "\"text\"",
          "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":601.0,"
              + "\"e\":1.25E-8,\"f\":true,\"g\":false,\"h\":null,\"i\":[1,\"x\",{\"j\":[]}]}",
          "{\"s\":\"é \\u00e9 \\\" \\\\ \\n \\u2028 \uD83D\uDE00\",\"z\":{\"y\":{\"x\":0}}}",
          "  {\"spaces\" : [ 1 , 2 ] }  ",
          "-0",
          "1e400");

  @Test
  void reads_theMappersTree_nodeTypesIncluded() throws IOException {
    for (String document : DOCUMENTS) {
      JsonNode expected = Json.mapper().readTree(document);
      JsonNode actual = JsonTree.read(document.getBytes(StandardCharsets.UTF_8));
      assertThat(actual).as(document).isEqualTo(expected);
      assertThat(types(actual)).as(document).isEqualTo(types(expected));
    }
  }

  @Test
  void refuses_whatTheMapperRefuses() {
    for (String bad :
        List.of("{\"a\":1,\"a\":2}", "{} {}", "{\"a\":}", "[1,]", "{'a':1}", "tru", "{\"a\":1")) {
      assertThatThrownBy(() -> Json.mapper().readTree(bad)).as(bad).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JsonTree.read(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void readsAnEmptyDocument_asMissing_asTheMapperDoes() throws IOException {
    assertThat(JsonTree.read(new byte[0])).isEqualTo(Json.mapper().readTree(new byte[0]));
    assertThat(JsonTree.read(new byte[0]).isMissingNode()).isTrue();
  }

  @Test
  void writes_theMappersBytes() throws IOException {
    for (String document : DOCUMENTS) {
      JsonNode tree = Json.mapper().readTree(document);
      assertThat(JsonTree.text(tree))
          .as(document)
          .isEqualTo(Json.mapper().writeValueAsString(tree));
    }
    ObjectNode built = JsonTree.object();
    built.put("zeta", 1).put("alpha", new BigDecimal("0.0000000125")).put("mid", 2.5);
    built.putArray("codes").add("B").add("A");
    built.putNull("none");
    assertThat(JsonTree.text(built)).isEqualTo(Json.mapper().writeValueAsString(built));
    assertThat(JsonTree.bytes(built)).isEqualTo(Json.mapper().writeValueAsBytes(built));
  }

  @Test
  void writesMaps_withTheirKeysSorted_andOtherValues_throughTheMapper() throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", "2020-04-01T10:00:00Z");
    line.put("level", "INFO");
    line.put("count", 3L);
    line.put("nested", Map.of("b", List.of(1, 2), "a", true));
    line.put("decimal", new BigDecimal("1E-8"));
    line.put("record", new Sample("x", 2));
    assertThat(JsonTree.text(line)).isEqualTo(Json.mapper().writeValueAsString(line));
  }

  record Sample(String name, int value) {}

  private static String types(JsonNode node) {
    StringBuilder types = new StringBuilder(node.getClass().getSimpleName());
    node.forEach(child -> types.append('(').append(types(child)).append(')'));
    return types.toString();
  }
}
