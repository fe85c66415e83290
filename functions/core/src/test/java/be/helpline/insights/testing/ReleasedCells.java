package be.helpline.insights.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the intruder of SPEC section 6.1 does with two consecutive contacts.json: lines up every
 * cell of every released period by period, table path and key, and subtracts.
 */
public final class ReleasedCells {
  private ReleasedCells() {}

  /** Every cell of every period, by {@code <period>.<table path>|<key>}. */
  public static Map<String, JsonNode> of(JsonNode contacts) {
    Map<String, JsonNode> cells = new LinkedHashMap<>();
    for (JsonNode period : contacts.path("periods")) {
      collect(period.path("period").asText(), period.path("tables"), cells);
    }
    return cells;
  }

  private static void collect(String path, JsonNode node, Map<String, JsonNode> cells) {
    if (node.isObject() && node.has("key")) {
      cells.put(path + "|" + node.path("key").asText(), node);
    } else if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> collect(path + "." + name, node.get(name), cells));
    } else if (node.isArray()) {
      node.forEach(child -> collect(path, child, cells));
    }
  }

  /**
   * No cell published in {@code before} differs in {@code after}, and none disappeared; an outcome
   * that was not released yet ({@code releaseOn}) may have been released since.
   */
  public static void assertNoneChanged(JsonNode before, JsonNode after) {
    Map<String, JsonNode> now = of(after);
    for (Map.Entry<String, JsonNode> cell : of(before).entrySet()) {
      if (!cell.getValue().has("releaseOn")) {
        assertThat(now.get(cell.getKey())).as(cell.getKey()).isEqualTo(cell.getValue());
      }
    }
  }
}
