package be.helpline.insights.core.aggregation;

import be.helpline.insights.core.contacts.ContactFactsSource;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.counter.DailyCounterStore;
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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Use case: one aggregation run. Every run recomputes every period from the daily counters (their
 * number grows with days, not with page views), so a normal run and a rebuild do the same work and
 * repeating a run is safe.
 */
public final class Aggregator {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SiteRegistry sites;
  private final DailyCounterStore counters;
  private final SnapshotPublisher publisher;
  private final Clock clock;
  private final ZoneId zone;
  private final DisclosurePolicy policy;
  private final List<SnapshotFile> schemas;
  private final ContactFactsSource contacts;
  private final ContactStatistics statistics;

  public Aggregator(
      SiteRegistry sites,
      DailyCounterStore counters,
      ContactFactsSource contacts,
      ContactStatistics statistics,
      SnapshotPublisher publisher,
      Clock clock,
      ZoneId zone,
      DisclosurePolicy policy,
      List<SnapshotFile> schemas) {
    this.sites = sites;
    this.counters = counters;
    this.publisher = publisher;
    this.clock = clock;
    this.zone = zone;
    this.policy = policy;
    this.schemas = List.copyOf(schemas);
    this.contacts = contacts;
    this.statistics = statistics;
  }

  public SnapshotPublisher.Latest run() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    TrafficReport.Snapshot traffic =
        TrafficReport.build(sites, counters.readFamily(TrafficCounters.FAMILY), now, now, zone);
    publisher.publishSchemas(schemas);
    List<SnapshotFile> files = new ArrayList<>();
    files.add(SnapshotFile.json("traffic.json", SnapshotPublisher.toJson(traffic)));
    // Audited before anything is written: a failing audit fails the run and LATEST.json stays.
    files.addAll(
        statistics.files(
            contacts.all(),
            LocalDate.ofInstant(now, zone),
            Json.mapper().valueToTree(traffic),
            null));
    return publisher.publish(
        new SnapshotPublisher.Run(runId(now), now, now, zone.getId(), policy), files);
  }

  private static String runId(Instant now) {
    byte[] suffix = new byte[4];
    ThreadLocalRandom.current().nextBytes(suffix);
    return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
  }
}
