package be.helpline.insights.core.traffic;

import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.traffic.TrafficReport.ByGeo;
import be.helpline.insights.core.traffic.TrafficReport.Day;
import be.helpline.insights.core.traffic.TrafficReport.HourCounts;
import be.helpline.insights.core.traffic.TrafficReport.Month;
import be.helpline.insights.core.traffic.TrafficReport.SectionRow;
import be.helpline.insights.core.traffic.TrafficReport.SiteTraffic;
import be.helpline.insights.core.traffic.TrafficReport.Snapshot;
import be.helpline.insights.core.traffic.TrafficReport.SourceRow;
import be.helpline.insights.core.traffic.TrafficReport.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * traffic.json split for a reader that needs a few days of a long history (the dashboard's first
 * view, issue 19: the demo's eight years of daily rows are 2.9 MB): {@code traffic/summary.json},
 * everything of traffic.json but its per-day series, and {@code traffic/daily/<year>.json}, one
 * calendar year of those series. traffic.json is still published whole (SPEC 4: analysts' tools
 * read it); the split files are built from the same records, so they hold exactly its figures.
 */
public final class TrafficFiles {
  public static final String SUMMARY = "traffic/summary.json";

  private TrafficFiles() {}

  /**
   * traffic.json without {@code daily}, {@code bySource.daily} and {@code bySection.daily}; {@code
   * dailyYears} names the year files, oldest first.
   */
  public record Summary(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String timeZone,
      List<String> dailyYears,
      Map<String, SiteSummary> sites,
      Map<String, Long> excluded) {}

  /**
   * {@code activeDays}: the first and the last day with a page view or a visit (null for a site
   * without any), which a reader of a range ending "on the last day with data" would otherwise find
   * only by reading every year.
   */
  public record SiteSummary(
      String mode,
      Totals total,
      ActiveDays activeDays,
      List<Month> monthly,
      ByGeo byGeo,
      SourceTotals bySource,
      SectionTotals bySection,
      List<HourCounts> hourOfDay,
      Map<String, Long> excluded) {}

  public record ActiveDays(String first, String last) {}

  public record SourceTotals(List<SourceRow> total) {}

  public record SectionTotals(List<SectionRow> total, List<SectionRow> monthly) {}

  /** One calendar year of the per-day series; every site is listed, its lists empty if need be. */
  public record Year(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String timeZone,
      String year,
      Map<String, SiteYear> sites) {}

  public record SiteYear(List<Day> daily, SourceDays bySource, SectionDays bySection) {}

  public record SourceDays(List<SourceRow> daily) {}

  public record SectionDays(List<SectionRow> daily) {}

  /** traffic/summary.json, then one traffic/daily/YYYY.json per year, oldest first. */
  public static List<SnapshotFile> split(Snapshot traffic) {
    List<SnapshotFile> files = new ArrayList<>();
    files.add(SnapshotFile.json(SUMMARY, SnapshotPublisher.toJson(summary(traffic))));
    for (Year year : years(traffic)) {
      files.add(SnapshotFile.json(yearFile(year.year()), SnapshotPublisher.toJson(year)));
    }
    return files;
  }

  /** The name of a year's file: {@code traffic/daily/2020.json}. */
  public static String yearFile(String year) {
    return "traffic/daily/" + year + ".json";
  }

  private static Summary summary(Snapshot traffic) {
    Map<String, SiteSummary> sites = new TreeMap<>();
    traffic
        .sites()
        .forEach(
            (id, site) ->
                sites.put(
                    id,
                    new SiteSummary(
                        site.mode(),
                        site.total(),
                        activeDays(site.daily()),
                        site.monthly(),
                        site.byGeo(),
                        new SourceTotals(site.bySource().total()),
                        new SectionTotals(site.bySection().total(), site.bySection().monthly()),
                        site.hourOfDay(),
                        site.excluded())));
    return new Summary(
        traffic.schemaVersion(),
        traffic.generatedAt(),
        traffic.dataThrough(),
        traffic.timeZone(),
        List.copyOf(dailyYears(traffic)),
        sites,
        traffic.excluded());
  }

  private static List<Year> years(Snapshot traffic) {
    TreeSet<String> years = dailyYears(traffic);
    Map<String, Map<String, SiteYear>> sitesByYear = new TreeMap<>();
    years.forEach(year -> sitesByYear.put(year, new TreeMap<>()));
    traffic
        .sites()
        .forEach(
            (id, site) -> {
              // Each series grouped by year once, not filtered again for every year.
              Map<String, List<Day>> days = byYear(site.daily(), Day::date);
              Map<String, List<SourceRow>> sources =
                  byYear(site.bySource().daily(), SourceRow::date);
              Map<String, List<SectionRow>> sections =
                  byYear(site.bySection().daily(), SectionRow::date);
              sitesByYear.forEach(
                  (year, sites) ->
                      sites.put(
                          id,
                          new SiteYear(
                              days.getOrDefault(year, List.of()),
                              new SourceDays(sources.getOrDefault(year, List.of())),
                              new SectionDays(sections.getOrDefault(year, List.of())))));
            });
    List<Year> result = new ArrayList<>();
    sitesByYear.forEach(
        (year, sites) ->
            result.add(
                new Year(
                    traffic.schemaVersion(),
                    traffic.generatedAt(),
                    traffic.dataThrough(),
                    traffic.timeZone(),
                    year,
                    sites)));
    return result;
  }

  /** Every year with a row in any per-day series, oldest first. */
  private static TreeSet<String> dailyYears(Snapshot traffic) {
    TreeSet<String> years = new TreeSet<>();
    for (SiteTraffic site : traffic.sites().values()) {
      site.daily().forEach(day -> years.add(yearOf(day.date())));
      site.bySource().daily().forEach(row -> years.add(yearOf(row.date())));
      site.bySection().daily().forEach(row -> years.add(yearOf(row.date())));
    }
    return years;
  }

  private static ActiveDays activeDays(List<Day> daily) {
    List<String> active =
        daily.stream()
            .filter(day -> day.pageviews() > 0 || day.visits() > 0)
            .map(Day::date)
            .toList();
    return active.isEmpty() ? null : new ActiveDays(active.getFirst(), active.getLast());
  }

  /** The rows of each year, in their order. */
  private static <T> Map<String, List<T>> byYear(List<T> rows, Function<T, String> date) {
    return rows.stream().collect(Collectors.groupingBy(row -> yearOf(date.apply(row))));
  }

  private static String yearOf(String date) {
    return date.substring(0, 4);
  }
}
