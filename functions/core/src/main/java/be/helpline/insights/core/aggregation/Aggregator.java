package be.helpline.insights.core.aggregation;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignReport;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ClickCounters;
import be.helpline.insights.core.campaign.FunnelReport;
import be.helpline.insights.core.campaign.ImpressionReport;
import be.helpline.insights.core.campaign.LandingCounters;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactFactsSource;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.traffic.TrafficCounters;
import be.helpline.insights.core.traffic.TrafficReport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Use case: one aggregation run: {@code traffic.json}, {@code campaigns.json} and {@code
 * funnel.json}. Every run recomputes every period from the daily counters (their number grows with
 * days, not with page views or clicks), the configured campaigns with their impression reports and
 * the registered contacts, so a normal run and a rebuild do the same work and repeating a run is
 * safe.
 */
public final class Aggregator {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SiteRegistry sites;
  private final DailyCounterStore counters;
  private final CampaignStore campaigns;
  private final ContactFactsSource contacts;
  private final SnapshotPublisher publisher;
  private final Clock clock;
  private final ZoneId zone;
  private final DisclosurePolicy policy;
  private final List<SnapshotFile> schemas;
  private final ContactStatistics statistics;

  public Aggregator(
      SiteRegistry sites,
      DailyCounterStore counters,
      CampaignStore campaigns,
      ContactFactsSource contacts,
      ContactStatistics statistics,
      SnapshotPublisher publisher,
      Clock clock,
      ZoneId zone,
      DisclosurePolicy policy,
      List<SnapshotFile> schemas) {
    this.sites = sites;
    this.counters = counters;
    this.campaigns = campaigns;
    this.contacts = contacts;
    this.publisher = publisher;
    this.clock = clock;
    this.zone = zone;
    this.policy = policy;
    this.schemas = List.copyOf(schemas);
    this.statistics = statistics;
  }

  public SnapshotPublisher.Latest run() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<DailyCounts> trafficCounts = counters.readFamily(TrafficCounters.FAMILY);
    TrafficReport.Snapshot traffic = TrafficReport.build(sites, trafficCounts, now, now, zone);
    CampaignReport.Inputs campaignInputs =
        campaignInputs(trafficCounts, LocalDate.ofInstant(now, zone));
    String stamp = now.toString();
    CampaignReport.Snapshot campaignReport = CampaignReport.build(campaignInputs, stamp, stamp);
    List<ContactFacts> contactFacts = contacts.all();
    FunnelReport.Snapshot funnel =
        FunnelReport.build(campaignInputs, contactFacts, policy, stamp, stamp);
    publisher.publishSchemas(schemas);
    List<SnapshotFile> files = new ArrayList<>();
    files.add(SnapshotFile.json("traffic.json", SnapshotPublisher.toJson(traffic)));
    files.add(SnapshotFile.json("campaigns.json", SnapshotPublisher.toJson(campaignReport)));
    files.add(SnapshotFile.json("funnel.json", SnapshotPublisher.toJson(funnel)));
    // Audited before anything is written: a failing audit fails the run and LATEST.json stays.
    files.addAll(
        statistics.files(
            contactFacts,
            LocalDate.ofInstant(now, zone),
            Json.mapper().valueToTree(traffic),
            Json.mapper().valueToTree(campaignReport)));
    return publisher.publish(
        new SnapshotPublisher.Run(runId(now), now, now, zone.getId(), policy), files);
  }

  private CampaignReport.Inputs campaignInputs(List<DailyCounts> traffic, LocalDate through) {
    List<Campaign> configured = campaigns.list();
    Map<String, ImpressionReport> impressions = new LinkedHashMap<>();
    for (Campaign campaign : configured) {
      impressions.put(campaign.id(), campaigns.impressions(campaign.id()));
    }
    return new CampaignReport.Inputs(
        configured,
        impressions,
        counters.readFamily(ClickCounters.FAMILY),
        counters.readFamily(LandingCounters.FAMILY),
        traffic,
        sites,
        through);
  }

  private static String runId(Instant now) {
    byte[] suffix = new byte[4];
    ThreadLocalRandom.current().nextBytes(suffix);
    return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
  }
}
