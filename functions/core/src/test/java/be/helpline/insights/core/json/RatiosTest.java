package be.helpline.insights.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatiosTest {
  /** The ratio as a snapshot file writes it, from a record and from a tree alike. */
  private static String written(BigDecimal ratio) throws Exception {
    String bound = Json.mapper().writeValueAsString(ratio);
    ObjectNode node = Json.mapper().createObjectNode();
    node.set("r", Json.mapper().getNodeFactory().numberNode(ratio));
    assertThat(Json.mapper().writeValueAsString(node)).isEqualTo("{\"r\":" + bound + "}");
    return bound;
  }

  @Test
  void of_writesThreeSignificantDigits() throws Exception {
    assertThat(written(Ratios.of(37, 301_000))).isEqualTo("0.000123");
    assertThat(written(Ratios.of(1, 2))).isEqualTo("0.5");
    assertThat(written(Ratios.of(7, 7))).isEqualTo("1.0");
    assertThat(written(Ratios.of(0, 12))).isEqualTo("0.0");
    assertThat(written(Ratios.of(1, 3))).isEqualTo("0.333");
    assertThat(written(Ratios.of(2, 3))).isEqualTo("0.667");
    assertThat(written(Ratios.of(1_497, 2_200_000))).isEqualTo("0.00068");
    assertThat(written(Ratios.of(1, 80_000_000))).isEqualTo("0.0000000125");
  }

  @Test
  void of_capsAtOneAndHasNoRatioOfNothing() throws Exception {
    assertThat(written(Ratios.of(12, 10))).isEqualTo("1.0");
    assertThat(Ratios.of(3, 0)).isNull();
    assertThat(written(Ratios.ZERO)).isEqualTo("0.0");
    assertThatThrownBy(() -> Ratios.of(-1, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
