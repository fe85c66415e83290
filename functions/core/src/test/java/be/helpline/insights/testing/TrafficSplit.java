package be.helpline.insights.testing;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Joins traffic/summary.json and the traffic/daily/YYYY.json files back into the document
 * traffic.json is, as a reader of the split files would: what the split holds, compared with
 * traffic.json by the tests of every tier that publishes one.
 */
public final class TrafficSplit {
  /** The per-day series, by their path in a site: what the year files hold and the summary not. */
  private static final List<List<String>> DAILY_SERIES =
      List.of(List.of("daily"), List.of("bySource", "daily"), List.of("bySection", "daily"));

  private TrafficSplit() {}

  /**
   * traffic.json as the summary and the year files (in the summary's {@code dailyYears} order) give
   * it: the summary without what it adds ({@code dailyYears}, each site's {@code activeDays}), each
   * series the concatenation of the years' rows.
   */
  public static JsonNode join(JsonNode summary, Map<String, JsonNode> years) {
    ObjectNode whole = summary.deepCopy();
    whole.remove("dailyYears");
    for (Map.Entry<String, JsonNode> site : whole.path("sites").properties()) {
      ObjectNode node = (ObjectNode) site.getValue();
      node.remove("activeDays");
      for (List<String> series : DAILY_SERIES) {
        ArrayNode rows = Json.mapper().createArrayNode();
        for (JsonNode year : summary.path("dailyYears")) {
          JsonNode yearFile = years.get(year.asText());
          if (yearFile == null) {
            throw new AssertionError("no file for the year " + year.asText());
          }
          rows.addAll((ArrayNode) at(yearFile.path("sites").path(site.getKey()), series));
        }
        ObjectNode parent = node;
        for (String name : series.subList(0, series.size() - 1)) {
          parent = (ObjectNode) parent.path(name);
        }
        parent.set(series.getLast(), rows);
      }
    }
    return whole;
  }

  private static JsonNode at(JsonNode node, List<String> path) {
    JsonNode result = node;
    for (String name : path) {
      result = result.path(name);
    }
    if (!result.isArray()) {
      throw new AssertionError("no array at " + path + " in a year file");
    }
    return result;
  }
}
