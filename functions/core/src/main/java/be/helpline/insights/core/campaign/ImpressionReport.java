package be.helpline.insights.core.campaign;

import java.util.Comparator;
import java.util.List;

/**
 * What is stored of a campaign's impression reports: one row per (date, creative), the latest
 * import winning, and the reach the ad network last reported.
 *
 * @param reach the number of people reached over the whole campaign, or null before any was given
 */
public record ImpressionReport(List<ImpressionRow> rows, Long reach) {
  public static final ImpressionReport NONE = new ImpressionReport(List.of(), null);

  public ImpressionReport {
    rows =
        rows.stream()
            .sorted(
                Comparator.comparing(ImpressionRow::date).thenComparing(ImpressionRow::creative))
            .toList();
  }

  public long totalImpressions() {
    return rows.stream().mapToLong(ImpressionRow::impressions).sum();
  }
}
