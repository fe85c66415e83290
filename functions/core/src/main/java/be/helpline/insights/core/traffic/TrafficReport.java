package be.helpline.insights.core.traffic;

import static be.helpline.insights.core.traffic.TrafficCounters.DEVICE_FLAGGED;
import static be.helpline.insights.core.traffic.TrafficCounters.MONTHLY_VISITORS;
import static be.helpline.insights.core.traffic.TrafficCounters.NEW_VISITORS;
import static be.helpline.insights.core.traffic.TrafficCounters.PAGEVIEWS;
import static be.helpline.insights.core.traffic.TrafficCounters.RETURNING_VISITORS;
import static be.helpline.insights.core.traffic.TrafficCounters.VISITORS;
import static be.helpline.insights.core.traffic.TrafficCounters.VISITS;

import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.json.Ratios;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.site.VisitorMode;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Builds {@code traffic.json} from the sites' daily counters: per site, daily and monthly page
 * views and visits (and, in returning mode, visitors, new and returning visitors), since-launch
 * totals, the same by geography, by source and by the site's configured section, an hour-of-day
 * profile and the exclusions by reason. Lists hold every code of their vocabulary (every configured
 * section, then other) and every day from the first data on, zeros included.
 */
public final class TrafficReport {
  private TrafficReport() {}

  public record Snapshot(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String timeZone,
      Map<String, SiteTraffic> sites,
      Map<String, Long> excluded) {}

  public record SiteTraffic(
      String mode,
      Totals total,
      List<Day> daily,
      List<Month> monthly,
      ByGeo byGeo,
      BySource bySource,
      BySection bySection,
      List<HourCounts> hourOfDay,
      Map<String, Long> excluded) {}

  /** Device-based figures are null (left out) for sites in anonymous mode. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Totals(
      long pageviews,
      long visits,
      Long newVisitors,
      Long returningVisitors,
      BigDecimal deviceFlagShare) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Day(
      String date,
      long pageviews,
      long visits,
      Long visitors,
      Long newVisitors,
      Long returningVisitors) {}

  /** {@code visitors} of a month counts first page views of the month (firstOfMonth). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Month(
      String month,
      long pageviews,
      long visits,
      Long visitors,
      Long newVisitors,
      Long returningVisitors) {}

  public record ByGeo(List<GeoRow> total, List<GeoRow> monthly) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GeoRow(
      String month,
      String key,
      long pageviews,
      long visits,
      Long newVisitors,
      Long returningVisitors) {}

  public record BySource(List<SourceRow> total, List<SourceRow> daily) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SourceRow(String date, String key, long pageviews, long visits) {}

  /**
   * Page views per configured section, and visits per the section they began in (so a site's
   * sections add up to its totals).
   */
  public record BySection(
      List<SectionRow> total, List<SectionRow> daily, List<SectionRow> monthly) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SectionRow(String date, String month, String key, long pageviews, long visits) {}

  public record HourCounts(int hour, long pageviews) {}

  public static Snapshot build(
      SiteRegistry sites,
      List<DailyCounts> traffic,
      Instant generatedAt,
      Instant dataThrough,
      ZoneId zone) {
    Map<String, NavigableMap<LocalDate, Map<String, Long>>> bySubject = new HashMap<>();
    for (DailyCounts day : traffic) {
      if (TrafficCounters.FAMILY.equals(day.key().family())) {
        bySubject
            .computeIfAbsent(day.key().subject(), subject -> new TreeMap<>())
            .merge(day.key().date(), day.counts(), TrafficReport::plus);
      }
    }
    LocalDate through = LocalDate.ofInstant(dataThrough, zone);
    Map<String, SiteTraffic> result = new TreeMap<>();
    for (Site site : sites.all()) {
      result.put(
          site.id(),
          siteTraffic(site, bySubject.getOrDefault(site.id(), new TreeMap<>()), through));
    }
    Map<String, Long> unattributed =
        excluded(bySubject.getOrDefault(TrafficCounters.UNATTRIBUTED, new TreeMap<>()));
    return new Snapshot(
        1, generatedAt.toString(), dataThrough.toString(), zone.getId(), result, unattributed);
  }

  private static SiteTraffic siteTraffic(
      Site site, NavigableMap<LocalDate, Map<String, Long>> recorded, LocalDate through) {
    boolean returning = site.mode() == VisitorMode.RETURNING;
    NavigableMap<LocalDate, Map<String, Long>> days = pageViewDays(recorded, through);
    List<Day> daily = new ArrayList<>();
    Map<YearMonth, Map<String, Long>> months = new TreeMap<>();
    Map<String, Long> all = new HashMap<>();
    List<SourceRow> sourceDaily = new ArrayList<>();
    List<String> sections = site.sections().keys();
    List<SectionRow> sectionDaily = new ArrayList<>();
    days.forEach(
        (date, counts) -> {
          Map<String, Long> withTotals = withDayTotals(counts);
          daily.add(
              new Day(
                  date.toString(),
                  get(withTotals, PAGEVIEWS),
                  get(withTotals, VISITS),
                  device(returning, withTotals, VISITORS),
                  device(returning, withTotals, NEW_VISITORS),
                  device(returning, withTotals, RETURNING_VISITORS)));
          months.merge(YearMonth.from(date), withTotals, TrafficReport::plus);
          all.putAll(plus(all, withTotals));
          for (SourceCategory source : SourceCategory.values()) {
            sourceDaily.add(sourceRow(date.toString(), source, withTotals));
          }
          for (String section : sections) {
            sectionDaily.add(sectionRow(date.toString(), null, section, withTotals));
          }
        });

    List<Month> monthly = new ArrayList<>();
    List<GeoRow> geoMonthly = new ArrayList<>();
    List<SectionRow> sectionMonthly = new ArrayList<>();
    months.forEach(
        (month, counts) -> {
          monthly.add(
              new Month(
                  month.toString(),
                  get(counts, PAGEVIEWS),
                  get(counts, VISITS),
                  device(returning, counts, MONTHLY_VISITORS),
                  device(returning, counts, NEW_VISITORS),
                  device(returning, counts, RETURNING_VISITORS)));
          for (Geography geography : Geography.values()) {
            geoMonthly.add(geoRow(month.toString(), geography, counts, returning));
          }
          for (String section : sections) {
            sectionMonthly.add(sectionRow(null, month.toString(), section, counts));
          }
        });

    List<GeoRow> geoTotal = new ArrayList<>();
    for (Geography geography : Geography.values()) {
      geoTotal.add(geoRow(null, geography, all, returning));
    }
    List<SourceRow> sourceTotal = new ArrayList<>();
    for (SourceCategory source : SourceCategory.values()) {
      sourceTotal.add(sourceRow(null, source, all));
    }
    List<SectionRow> sectionTotal = new ArrayList<>();
    for (String section : sections) {
      sectionTotal.add(sectionRow(null, null, section, all));
    }
    List<HourCounts> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(new HourCounts(hour, get(all, TrafficCounters.hourly(PAGEVIEWS, hour))));
    }
    long pageviews = get(all, PAGEVIEWS);
    Totals total =
        new Totals(
            pageviews,
            get(all, VISITS),
            device(returning, all, NEW_VISITORS),
            device(returning, all, RETURNING_VISITORS),
            returning
                ? (pageviews == 0 ? Ratios.ZERO : Ratios.of(get(all, DEVICE_FLAGGED), pageviews))
                : null);
    return new SiteTraffic(
        site.mode().wireName(),
        total,
        daily,
        monthly,
        new ByGeo(geoTotal, geoMonthly),
        new BySource(sourceTotal, sourceDaily),
        new BySection(sectionTotal, sectionDaily, sectionMonthly),
        hours,
        excluded(recorded));
  }

  /** Every day from the first page view to the end of the data, so gaps show as zeros. */
  private static NavigableMap<LocalDate, Map<String, Long>> pageViewDays(
      NavigableMap<LocalDate, Map<String, Long>> recorded, LocalDate through) {
    NavigableMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
    LocalDate first = null;
    LocalDate last = null;
    for (Map.Entry<LocalDate, Map<String, Long>> entry : recorded.entrySet()) {
      if (get(withDayTotals(entry.getValue()), PAGEVIEWS) > 0) {
        first = first == null ? entry.getKey() : first;
        last = entry.getKey();
      }
    }
    if (first == null) {
      return days;
    }
    if (through.isAfter(last)) {
      last = through;
    }
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      days.put(date, recorded.getOrDefault(date, Map.of()));
    }
    return days;
  }

  /** Adds the day's page views and visits, summed from the hours, under their plain names. */
  private static Map<String, Long> withDayTotals(Map<String, Long> counts) {
    Map<String, Long> result = new HashMap<>(counts);
    long pageviews = 0;
    long visits = 0;
    for (int hour = 0; hour < 24; hour++) {
      pageviews += get(counts, TrafficCounters.hourly(PAGEVIEWS, hour));
      visits += get(counts, TrafficCounters.hourly(VISITS, hour));
    }
    result.put(PAGEVIEWS, pageviews);
    result.put(VISITS, visits);
    return result;
  }

  private static GeoRow geoRow(
      String month, Geography geography, Map<String, Long> counts, boolean returning) {
    return new GeoRow(
        month,
        geography.code(),
        get(counts, TrafficCounters.byGeo(PAGEVIEWS, geography)),
        get(counts, TrafficCounters.byGeo(VISITS, geography)),
        device(returning, counts, TrafficCounters.byGeo(NEW_VISITORS, geography)),
        device(returning, counts, TrafficCounters.byGeo(RETURNING_VISITORS, geography)));
  }

  private static SourceRow sourceRow(String date, SourceCategory source, Map<String, Long> counts) {
    return new SourceRow(
        date,
        source.wireName(),
        get(counts, TrafficCounters.bySource(PAGEVIEWS, source)),
        get(counts, TrafficCounters.bySource(VISITS, source)));
  }

  private static SectionRow sectionRow(
      String date, String month, String section, Map<String, Long> counts) {
    return new SectionRow(
        date,
        month,
        section,
        get(counts, TrafficCounters.bySection(PAGEVIEWS, section)),
        get(counts, TrafficCounters.bySection(VISITS, section)));
  }

  private static Map<String, Long> excluded(Map<LocalDate, Map<String, Long>> days) {
    Map<String, Long> excluded = new LinkedHashMap<>();
    for (Exclusion reason : Exclusion.values()) {
      long count = 0;
      for (Map<String, Long> counts : days.values()) {
        count += get(counts, TrafficCounters.excluded(reason));
      }
      excluded.put(reason.key(), count);
    }
    return excluded;
  }

  private static Long device(boolean returning, Map<String, Long> counts, String counter) {
    return returning ? get(counts, counter) : null;
  }

  private static long get(Map<String, Long> counts, String counter) {
    return counts.getOrDefault(counter, 0L);
  }

  private static Map<String, Long> plus(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> sum = new HashMap<>(a);
    b.forEach((name, value) -> sum.merge(name, value, Long::sum));
    return sum;
  }
}
