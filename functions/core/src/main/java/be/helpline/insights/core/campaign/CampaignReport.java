package be.helpline.insights.core.campaign;

import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.json.Ratios;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.traffic.LandingCounters;
import be.helpline.insights.core.traffic.TrafficCounters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Builds {@code campaigns.json}: per configured campaign (by start date, then id) its window,
 * impressions and reach as the ad network reported them, frequency (impressions / reach), clicks
 * counted by the redirect, CTR (clicks / impressions), the same per creative and per day, the
 * landing confirmation (campaign-tagged visits / clicks), the uplift of each site's daily visits
 * and the excluded banner requests by reason. Counter items of ids that are not configured
 * campaigns are never read into it, whatever anyone sent.
 *
 * <p>Ratios are written by {@link Ratios} (3 significant digits, capped at 1: more tagged visits
 * than clicks happens when a landing link is shared); frequency and means to 2 decimals; a quotient
 * by zero is null. Uplift compares a site's mean daily visits during the window with its mean over
 * the 28 days before the start and the 28 days after the end, counting only days from the site's
 * first data up to the data-through day, the baseline being the mean over the counted days before
 * and after together. {@code ratio} is the fraction of the window's visits above the baseline,
 * (during - baseline) / during, 0 when there was no rise (a fraction like every published ratio);
 * {@code multiplier} is during / baseline (1.0 = no change, 1.5 = half as many visits again). Both
 * are null while there is no baseline.
 */
public final class CampaignReport {
  static final int UPLIFT_DAYS = 28;

  private CampaignReport() {}

  public record Snapshot(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      List<CampaignFigures> campaigns,
      Map<String, Long> excluded) {}

  public record CampaignFigures(
      String id,
      String name,
      String start,
      String end,
      long impressions,
      Long reach,
      BigDecimal frequency,
      long clicks,
      BigDecimal ctr,
      List<CreativeFigures> byCreative,
      List<Day> daily,
      Landing landing,
      Map<String, Uplift> uplift,
      Map<String, Long> excluded) {}

  public record CreativeFigures(
      String key, String label, long impressions, long clicks, BigDecimal ctr) {}

  public record Day(String date, long impressions, long clicks) {}

  public record Landing(long taggedVisits, BigDecimal confirmationRate, Map<String, Long> bySite) {}

  /** Mean daily visits; {@code *Days} says over how many days each mean was taken. */
  public record Uplift(
      BigDecimal before,
      BigDecimal during,
      BigDecimal after,
      BigDecimal ratio,
      BigDecimal multiplier,
      int beforeDays,
      int duringDays,
      int afterDays) {}

  /** Everything a report is built from; counter lists may hold other families and subjects. */
  public record Inputs(
      List<Campaign> campaigns,
      Map<String, ImpressionReport> impressions,
      List<DailyCounts> clicks,
      List<DailyCounts> landing,
      List<DailyCounts> traffic,
      SiteRegistry sites,
      LocalDate dataThrough) {}

  public static Snapshot build(Inputs in, String generatedAt, String dataThrough) {
    Map<String, Long> unattributed = new TreeMap<>();
    unattributed.put(ClickExclusion.UNKNOWN_CAMPAIGN.key(), 0L);
    for (DailyCounts day : family(in.clicks(), ClickCounters.FAMILY)) {
      if (day.key().subject().equals(ClickCounters.UNATTRIBUTED)) {
        unattributed.merge(
            ClickExclusion.UNKNOWN_CAMPAIGN.key(),
            day.get(ClickCounters.excluded(ClickExclusion.UNKNOWN_CAMPAIGN)),
            Long::sum);
      }
    }
    List<CampaignFigures> figures = new ArrayList<>();
    for (Campaign campaign : sorted(in.campaigns())) {
      figures.add(figures(campaign, in));
    }
    return new Snapshot(1, generatedAt, dataThrough, figures, unattributed);
  }

  static List<Campaign> sorted(List<Campaign> campaigns) {
    return campaigns.stream()
        .sorted(Comparator.comparing(Campaign::start).thenComparing(Campaign::id))
        .toList();
  }

  static CampaignFigures figures(Campaign campaign, Inputs in) {
    ImpressionReport report = in.impressions().getOrDefault(campaign.id(), ImpressionReport.NONE);
    NavigableMap<LocalDate, DailyCounts> clickDays =
        days(in.clicks(), ClickCounters.FAMILY, campaign.id());

    long impressions = report.totalImpressions();
    long clicks = 0;
    NavigableMap<LocalDate, long[]> daily = new TreeMap<>();
    for (LocalDate day = campaign.start(); !day.isAfter(campaign.end()); day = day.plusDays(1)) {
      daily.put(day, new long[2]);
    }
    for (ImpressionRow row : report.rows()) {
      daily.computeIfAbsent(row.date(), d -> new long[2])[0] += row.impressions();
    }
    for (Map.Entry<LocalDate, DailyCounts> day : clickDays.entrySet()) {
      long dayClicks = ClickCounters.clicks(day.getValue());
      clicks += dayClicks;
      if (dayClicks > 0 || daily.containsKey(day.getKey())) {
        daily.computeIfAbsent(day.getKey(), d -> new long[2])[1] += dayClicks;
      }
    }
    List<Day> days = new ArrayList<>();
    daily.forEach((date, counts) -> days.add(new Day(date.toString(), counts[0], counts[1])));

    List<CreativeFigures> byCreative = new ArrayList<>();
    campaign
        .creatives()
        .forEach(
            (creativeId, label) -> {
              long creativeImpressions =
                  report.rows().stream()
                      .filter(row -> row.creative().equals(creativeId))
                      .mapToLong(ImpressionRow::impressions)
                      .sum();
              long creativeClicks =
                  clickDays.values().stream()
                      .mapToLong(day -> day.get(ClickCounters.creative(creativeId)))
                      .sum();
              byCreative.add(
                  new CreativeFigures(
                      creativeId,
                      label,
                      creativeImpressions,
                      creativeClicks,
                      Ratios.of(creativeClicks, creativeImpressions)));
            });

    Map<String, Long> excluded = new TreeMap<>();
    for (ClickExclusion reason : ClickExclusion.values()) {
      if (reason != ClickExclusion.UNKNOWN_CAMPAIGN) {
        excluded.put(
            reason.key(),
            clickDays.values().stream()
                .mapToLong(day -> day.get(ClickCounters.excluded(reason)))
                .sum());
      }
    }

    Long reach = report.reach();
    return new CampaignFigures(
        campaign.id(),
        campaign.name(),
        campaign.start().toString(),
        campaign.end().toString(),
        impressions,
        reach,
        reach == null ? null : Decimals.divide(impressions, reach, Decimals.MEAN_SCALE),
        clicks,
        Ratios.of(clicks, impressions),
        byCreative,
        days,
        landing(campaign, in, clicks),
        uplift(campaign, in),
        excluded);
  }

  /** Campaign-tagged visits of the campaign, over every day they were counted. */
  static long taggedVisits(Campaign campaign, Inputs in) {
    return landingBySite(campaign, in).values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> landingBySite(Campaign campaign, Inputs in) {
    Map<String, Long> bySite = new TreeMap<>();
    for (Site site : in.sites().all()) {
      bySite.put(site.id(), 0L);
    }
    for (DailyCounts day : days(in.landing(), LandingCounters.FAMILY, campaign.id()).values()) {
      for (Site site : in.sites().all()) {
        bySite.merge(site.id(), day.get(LandingCounters.visits(site.id())), Long::sum);
      }
    }
    return bySite;
  }

  private static Landing landing(Campaign campaign, Inputs in, long clicks) {
    Map<String, Long> bySite = landingBySite(campaign, in);
    long tagged = bySite.values().stream().mapToLong(Long::longValue).sum();
    return new Landing(tagged, Ratios.of(tagged, clicks), bySite);
  }

  /** The visits of a site on each day it has data. */
  static NavigableMap<LocalDate, Long> siteVisits(Inputs in, String siteId) {
    NavigableMap<LocalDate, Long> visits = new TreeMap<>();
    days(in.traffic(), TrafficCounters.FAMILY, siteId)
        .forEach((date, day) -> visits.put(date, TrafficCounters.visits(day)));
    return visits;
  }

  private static Map<String, Uplift> uplift(Campaign campaign, Inputs in) {
    Map<String, Uplift> uplift = new TreeMap<>();
    for (Site site : in.sites().all()) {
      NavigableMap<LocalDate, Long> visits = siteVisits(in, site.id());
      LocalDate first = visits.isEmpty() ? null : visits.firstKey();
      Period before =
          Period.of(
              visits,
              first,
              campaign.start().minusDays(UPLIFT_DAYS),
              campaign.start().minusDays(1),
              in.dataThrough());
      Period during = Period.of(visits, first, campaign.start(), campaign.end(), in.dataThrough());
      Period after =
          Period.of(
              visits,
              first,
              campaign.end().plusDays(1),
              campaign.end().plusDays(UPLIFT_DAYS),
              in.dataThrough());
      long baselineVisits = before.visits() + after.visits();
      long baselineDays = before.days() + after.days();
      boolean comparable = during.days() > 0 && baselineVisits > 0;
      BigDecimal multiplier =
          comparable
              ? Decimals.divide(
                  during.visits() * baselineDays,
                  during.days() * baselineVisits,
                  Decimals.MEAN_SCALE)
              : null;
      // Visits above the baseline as a fraction of the window's visits (means compared per day).
      long duringScaled = during.visits() * baselineDays;
      BigDecimal ratio =
          comparable
              ? Ratios.of(Math.max(0, duringScaled - during.days() * baselineVisits), duringScaled)
              : null;
      uplift.put(
          site.id(),
          new Uplift(
              before.mean(),
              during.mean(),
              after.mean(),
              ratio,
              multiplier,
              before.days(),
              during.days(),
              after.days()));
    }
    return uplift;
  }

  /** The visits and the number of days counted in [from, to], from the first data to through. */
  private record Period(long visits, int days) {
    static Period of(
        NavigableMap<LocalDate, Long> visits,
        LocalDate first,
        LocalDate from,
        LocalDate to,
        LocalDate through) {
      if (first == null) {
        return new Period(0, 0);
      }
      LocalDate start = from.isBefore(first) ? first : from;
      LocalDate end = to.isAfter(through) ? through : to;
      if (end.isBefore(start)) {
        return new Period(0, 0);
      }
      long sum =
          visits.subMap(start, true, end, true).values().stream().mapToLong(Long::longValue).sum();
      return new Period(sum, (int) (end.toEpochDay() - start.toEpochDay() + 1));
    }

    BigDecimal mean() {
      return Decimals.divide(visits, days, Decimals.MEAN_SCALE);
    }
  }

  /** The days of one subject of one family, summed by date. */
  static NavigableMap<LocalDate, DailyCounts> days(
      List<DailyCounts> counts, String family, String subject) {
    NavigableMap<LocalDate, DailyCounts> days = new TreeMap<>();
    for (DailyCounts day : family(counts, family)) {
      if (day.key().subject().equals(subject)) {
        days.merge(day.key().date(), day, CampaignReport::plus);
      }
    }
    return days;
  }

  private static List<DailyCounts> family(List<DailyCounts> counts, String family) {
    return counts.stream().filter(day -> day.key().family().equals(family)).toList();
  }

  private static DailyCounts plus(DailyCounts a, DailyCounts b) {
    Map<String, Long> sum = new LinkedHashMap<>(a.counts());
    b.counts().forEach((name, value) -> sum.merge(name, value, Long::sum));
    return new DailyCounts(a.key(), sum);
  }
}
