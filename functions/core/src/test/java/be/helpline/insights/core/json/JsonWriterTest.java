package be.helpline.insights.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The writer gives Jackson's text and bytes, character for character, for random trees: every
 * escape, control character, lone and paired surrogate and number kind (a registration's hash is
 * taken over these bytes, so they must not change when the writer does).
 */
class JsonWriterTest {

  @Test
  void writes_theMappersTextAndBytes_forRandomTrees() throws IOException {
    RandomJson random = new RandomJson(19);
    for (int i = 0; i < 3000; i++) {
      JsonNode tree = random.tree(4);
      assertThat(JsonTree.text(tree)).isEqualTo(Json.mapper().writeValueAsString(tree));
      assertThat(JsonTree.bytes(tree)).isEqualTo(Json.mapper().writeValueAsBytes(tree));
    }
  }

  @Test
  void writes_nonFiniteNumbers_quoted_asTheMapperDoes() throws IOException {
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1.0 / 0}) {
      JsonNode tree = JsonTree.array().add(value).add((float) value);
      assertThat(JsonTree.text(tree)).isEqualTo(Json.mapper().writeValueAsString(tree));
    }
  }

  @Test
  void separates_membersAndElements_atEveryDepth() {
    String json =
        JsonWriter.forText()
            .startObject()
            .name("a")
            .startArray()
            .number(1)
            .startObject()
            .endObject()
            .startArray()
            .endArray()
            .string("x")
            .endArray()
            .name("b")
            .nullValue()
            .endObject()
            .toString();
    assertThat(json).isEqualTo("{\"a\":[1,{},[],\"x\"],\"b\":null}");
  }
}
