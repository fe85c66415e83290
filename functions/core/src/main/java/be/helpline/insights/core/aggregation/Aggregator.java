package be.helpline.insights.core.aggregation;

import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.traffic.TrafficCounters;
import be.helpline.insights.core.traffic.TrafficReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

  public Aggregator(
      SiteRegistry sites,
      DailyCounterStore counters,
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
  }

  public SnapshotPublisher.Latest run() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    TrafficReport.Snapshot traffic =
        TrafficReport.build(sites, counters.readFamily(TrafficCounters.FAMILY), now, now, zone);
    publisher.publishSchemas(schemas);
    List<SnapshotFile> files =
        List.of(SnapshotFile.json("traffic.json", SnapshotPublisher.toJson(traffic)));
    return publisher.publish(
        new SnapshotPublisher.Run(runId(now), now, now, zone.getId(), policy), files);
  }

  private static String runId(Instant now) {
    byte[] suffix = new byte[4];
    ThreadLocalRandom.current().nextBytes(suffix);
    return RUN_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
  }
}
