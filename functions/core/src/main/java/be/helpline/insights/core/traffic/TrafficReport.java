package be.helpline.insights.core.traffic;

import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.site.SiteRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@code traffic.json} from the sites' daily counters. */
public final class TrafficReport {
  private TrafficReport() {}

  public record Snapshot(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String timeZone,
      Map<String, SiteTraffic> sites) {}

  public record SiteTraffic(
      String mode,
      Counts total,
      List<DayCounts> daily,
      List<MonthCounts> monthly,
      List<HourCounts> hourOfDay) {}

  public record Counts(long pageviews, long visits) {
    Counts plus(Counts other) {
      return new Counts(pageviews + other.pageviews, visits + other.visits);
    }
  }

  public record DayCounts(String date, long pageviews, long visits) {}

  public record MonthCounts(String month, long pageviews, long visits) {}

  public record HourCounts(int hour, long pageviews) {}

  public static Snapshot build(
      SiteRegistry sites,
      List<DailyCounts> traffic,
      Instant generatedAt,
      Instant dataThrough,
      ZoneId zone) {
    Map<String, Map<LocalDate, DailyCounts>> bySite = new TreeMap<>();
    for (DailyCounts day : traffic) {
      if (TrafficCounters.FAMILY.equals(day.key().family())) {
        bySite
            .computeIfAbsent(day.key().subject(), site -> new TreeMap<>())
            .put(day.key().date(), day);
      }
    }
    LocalDate through = LocalDate.ofInstant(dataThrough, zone);
    Map<String, SiteTraffic> result = new TreeMap<>();
    for (Site site : sites.all()) {
      result.put(site.id(), siteTraffic(site, bySite.getOrDefault(site.id(), Map.of()), through));
    }
    return new Snapshot(1, generatedAt.toString(), dataThrough.toString(), zone.getId(), result);
  }

  private static SiteTraffic siteTraffic(
      Site site, Map<LocalDate, DailyCounts> days, LocalDate through) {
    List<DayCounts> daily = new ArrayList<>();
    Map<YearMonth, Counts> monthly = new TreeMap<>();
    long[] hourly = new long[24];
    Counts total = new Counts(0, 0);
    if (!days.isEmpty()) {
      LocalDate first = days.keySet().iterator().next();
      LocalDate last = ((TreeMap<LocalDate, DailyCounts>) days).lastKey();
      if (through.isAfter(last)) {
        last = through;
      }
      for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
        DailyCounts counts = days.get(date);
        Counts day = counts == null ? new Counts(0, 0) : dayTotals(counts, hourly);
        daily.add(new DayCounts(date.toString(), day.pageviews(), day.visits()));
        monthly.merge(YearMonth.from(date), day, Counts::plus);
        total = total.plus(day);
      }
    }
    List<MonthCounts> months = new ArrayList<>();
    monthly.forEach(
        (month, counts) ->
            months.add(new MonthCounts(month.toString(), counts.pageviews(), counts.visits())));
    List<HourCounts> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(new HourCounts(hour, hourly[hour]));
    }
    return new SiteTraffic(site.mode().wireName(), total, daily, months, hours);
  }

  private static Counts dayTotals(DailyCounts counts, long[] hourly) {
    long pageviews = 0;
    long visits = 0;
    for (int hour = 0; hour < 24; hour++) {
      long hourViews = counts.get(TrafficCounters.hourly(TrafficCounters.PAGEVIEWS, hour));
      hourly[hour] += hourViews;
      pageviews += hourViews;
      visits += counts.get(TrafficCounters.hourly(TrafficCounters.VISITS, hour));
    }
    return new Counts(pageviews, visits);
  }
}
