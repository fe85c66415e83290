package be.helpline.insights.core.aggregation;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignReport;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ClickCounters;
import be.helpline.insights.core.campaign.FunnelReport;
import be.helpline.insights.core.campaign.ImpressionReport;
import be.helpline.insights.core.contacts.ContactFactsSource;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.contacts.Ledger;
import be.helpline.insights.core.counter.CounterHistory;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.traffic.LandingCounters;
import be.helpline.insights.core.traffic.TrafficCounters;
import be.helpline.insights.core.traffic.TrafficFiles;
import be.helpline.insights.core.traffic.TrafficReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Use case: one aggregation run: {@code traffic.json} (and its split into a summary and years,
 * {@link TrafficFiles}), {@code campaigns.json}, {@code funnel.json} and the contact statistics.
 * Traffic and campaigns are recomputed from the daily counters (their number grows with days, not
 * with page views or clicks) and the configured campaigns with their impression reports. Closed
 * days' counters come from the private {@link CounterHistory}, so a run Queries the table for the
 * open days only; a rebuild reads every retained day again. Contact statistics come from the
 * publication ledger, extended by the periods the release calendar makes due (SPEC section 6.1). A
 * run from history and a rebuild publish the same figures, and repeating a run is safe.
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
  private final int retentionDays;

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
      List<SnapshotFile> schemas,
      int retentionDays) {
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
    this.retentionDays = retentionDays;
  }

  /**
   * What a run did: the run published ({@code current} false when another run published LATEST.json
   * while it ran, so it left LATEST.json and {@code latest/} alone), and what happened to the
   * contact statistics ({@code contacts} null when they could not be published at all, {@code
   * failure} then says why).
   */
  public record Result(
      SnapshotPublisher.Latest latest,
      boolean current,
      ContactStatistics.Release contacts,
      String failure,
      CounterReads counters) {
    /** Periods withheld for good by this run, plus one when contacts could not be published. */
    public int fallbacks() {
      return (contacts == null ? 1 : contacts.withheld().size());
    }
  }

  /**
   * How the run read the counters: {@code history} is {@code used}, {@code none} (the first run),
   * {@code rebuild}, {@code stale} (kept under another time zone or retention, or from a later day)
   * or {@code unreadable}; then how many subjects came from it and how many were read in full.
   */
  public record CounterReads(String history, int subjectsFromHistory, int subjectsInFull) {}

  /**
   * Publishes a run. {@code rebuild} reads every retained day of the counters again instead of the
   * closed days the previous run kept (after the counters table was restored or edited by hand).
   */
  public Result run(boolean rebuild) {
    String latestWhenBegun = publisher.latestVersion();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    LocalDate today = LocalDate.ofInstant(now, zone);
    String historyState = rebuild ? "rebuild" : "none";
    CounterHistory history = CounterHistory.none();
    if (!rebuild) {
      Optional<byte[]> kept = publisher.counterHistory();
      try {
        history = kept.map(CounterHistory::fromBytes).orElse(history);
        historyState = kept.isPresent() ? "used" : "none";
      } catch (IllegalArgumentException e) {
        historyState = "unreadable"; // read in full, and kept again
      }
    }
    CounterHistory.Reader reader = history.reader(counters, today, zone, retentionDays);
    // Counters are read by key, under configured subjects only (sites, campaigns, and the one
    // subject of unattributed exclusions): nothing a request named costs a run anything.
    List<String> siteSubjects = new ArrayList<>();
    sites.all().forEach(site -> siteSubjects.add(site.id()));
    siteSubjects.add(TrafficCounters.UNATTRIBUTED);
    List<DailyCounts> trafficCounts = reader.read(TrafficCounters.FAMILY, siteSubjects);
    TrafficReport.Snapshot traffic = TrafficReport.build(sites, trafficCounts, now, now, zone);
    CampaignReport.Inputs campaignInputs = campaignInputs(reader, trafficCounts, today);
    String stamp = now.toString();
    CampaignReport.Snapshot campaignReport = CampaignReport.build(campaignInputs, stamp, stamp);
    ContactStatistics.Release release = null;
    String failure = null;
    try {
      release = release(today);
    } catch (RuntimeException e) {
      // Contact statistics never take traffic and campaigns down with them.
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    ObjectNode contactsDocument = release == null ? null : release.contacts();
    FunnelReport.Snapshot funnel =
        FunnelReport.build(campaignInputs, contactsDocument, policy, stamp, stamp);
    publisher.publishSchemas(schemas);
    List<SnapshotFile> files = new ArrayList<>();
    files.add(SnapshotFile.json("traffic.json", SnapshotPublisher.toJson(traffic)));
    files.add(SnapshotFile.json("campaigns.json", SnapshotPublisher.toJson(campaignReport)));
    files.add(SnapshotFile.json("funnel.json", SnapshotPublisher.toJson(funnel)));
    if (contactsDocument != null) {
      files.addAll(
          statistics.files(
              contactsDocument,
              Json.mapper().valueToTree(traffic),
              Json.mapper().valueToTree(campaignReport)));
    }
    files.addAll(TrafficFiles.split(traffic));
    SnapshotPublisher.Publication publication =
        publisher.publish(
            new SnapshotPublisher.Run(
                runId(now), now, now, zone.getId(), policy, contactsStatus(release, failure)),
            files,
            latestWhenBegun);
    if (reader.changed()) {
      publisher.writeCounterHistory(reader.next().toBytes());
    }
    if ("used".equals(historyState) && !reader.usesHistory()) {
      historyState = "stale";
    }
    return new Result(
        publication.run(),
        publication.current(),
        release,
        failure,
        new CounterReads(historyState, reader.subjectsFromHistory(), reader.subjectsInFull()));
  }

  /**
   * Extends the ledger with what is due today and stores it before anything is published from it: a
   * run that fails after this publishes the same figures next time. The true counts behind it are
   * stored first, privately, for the next release.
   */
  private ContactStatistics.Release release(LocalDate today) {
    Optional<byte[]> stored = publisher.ledger();
    JsonNode ledger = stored.map(Aggregator::parse).orElse(null);
    Map<String, Long> counts = stored.map(publisher::ledgerCounts).orElse(Map.of());
    ContactStatistics.Release release = statistics.release(ledger, counts, contacts.all(), today);
    if (release.changed() || ledger == null) {
      byte[] next = SnapshotPublisher.toJson(release.contacts());
      publisher.writeLedgerCounts(next, release.counts());
      publisher.writeLedger(next);
    }
    return release;
  }

  private static JsonNode parse(byte[] ledger) {
    try {
      return Json.mapper().readTree(ledger);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the contacts ledger is not JSON", e);
    }
  }

  /** The manifest's account of the contact statistics. */
  private static Map<String, Object> contactsStatus(
      ContactStatistics.Release release, String failure) {
    Map<String, Object> status = new LinkedHashMap<>();
    if (release == null) {
      status.put("published", false);
      status.put("failure", failure);
      return status;
    }
    JsonNode calendar = release.contacts().path("calendar");
    status.put("published", true);
    status.put("countsThrough", calendar.path("countsThrough").asText(null));
    status.put("outcomesThrough", calendar.path("outcomesThrough").asText(null));
    status.put("nextRelease", calendar.path("nextRelease"));
    status.put("releasedNow", release.released());
    status.put("withheldNow", release.withheld().stream().map(Ledger.Withheld::period).toList());
    status.put("withheld", release.contacts().path("withheld"));
    return status;
  }

  private CampaignReport.Inputs campaignInputs(
      CounterHistory.Reader reader, List<DailyCounts> traffic, LocalDate through) {
    List<Campaign> configured = campaigns.list();
    Map<String, ImpressionReport> impressions = new LinkedHashMap<>();
    for (Campaign campaign : configured) {
      impressions.put(campaign.id(), campaigns.impressions(campaign.id()));
    }
    List<String> campaignIds = configured.stream().map(Campaign::id).toList();
    List<String> clickSubjects = new ArrayList<>(campaignIds);
    clickSubjects.add(ClickCounters.UNATTRIBUTED);
    return new CampaignReport.Inputs(
        configured,
        impressions,
        reader.read(ClickCounters.FAMILY, clickSubjects),
        reader.read(LandingCounters.FAMILY, campaignIds),
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
