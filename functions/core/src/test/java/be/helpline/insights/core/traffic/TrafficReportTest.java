package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.testing.InMemoryCounterStore;
import be.helpline.insights.testing.SnapshotSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficReportTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"},
           "main": {"origin": "https://stopitnow.example"}}\
          """);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final Instant RUN = Instant.parse("2020-04-03T12:00:00Z");

  private final InMemoryCounterStore store = new InMemoryCounterStore();

  private TrafficReport.Snapshot report() {
    return TrafficReport.build(SITES, store.readFamily("traffic"), RUN, RUN, BRUSSELS);
  }

  @Test
  void build_sumsHoursIntoDaysMonthsTotalsAndTheHourProfile() {
    store.add(
        new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 3, 31)),
        Map.of("pageviews.h22", 3L, "visits.h22", 2L));
    store.add(
        new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2)),
        Map.of("pageviews.h10", 5L, "visits.h10", 1L, "pageviews.h22", 1L));

    TrafficReport.SiteTraffic selfhelp = report().sites().get("selfhelp");

    assertThat(selfhelp.mode()).isEqualTo("returning");
    assertThat(selfhelp.total()).isEqualTo(new TrafficReport.Counts(9, 3));
    assertThat(selfhelp.daily())
        .containsExactly(
            new TrafficReport.DayCounts("2020-03-31", 3, 2),
            new TrafficReport.DayCounts("2020-04-01", 0, 0),
            new TrafficReport.DayCounts("2020-04-02", 6, 1),
            new TrafficReport.DayCounts("2020-04-03", 0, 0));
    assertThat(selfhelp.monthly())
        .containsExactly(
            new TrafficReport.MonthCounts("2020-03", 3, 2),
            new TrafficReport.MonthCounts("2020-04", 6, 1));
    assertThat(selfhelp.hourOfDay()).hasSize(24);
    assertThat(selfhelp.hourOfDay().get(22)).isEqualTo(new TrafficReport.HourCounts(22, 4));
    assertThat(selfhelp.hourOfDay().get(10)).isEqualTo(new TrafficReport.HourCounts(10, 5));
  }

  @Test
  void build_siteWithoutData_isListedEmpty() {
    TrafficReport.SiteTraffic main = report().sites().get("main");

    assertThat(main.mode()).isEqualTo("anonymous");
    assertThat(main.total()).isEqualTo(new TrafficReport.Counts(0, 0));
    assertThat(main.daily()).isEmpty();
  }

  @Test
  void build_countersOfAnUnconfiguredSite_areNotPublished() {
    store.add(
        new CounterKey("traffic", "retired", LocalDate.of(2020, 4, 2)),
        Map.of("pageviews.h10", 5L));

    assertThat(report().sites()).containsOnlyKeys("main", "selfhelp");
  }

  @Test
  void build_output_isValidAgainstTheSchemaAndDeterministic() {
    store.add(
        new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2)),
        Map.of("pageviews.h10", 5L, "visits.h10", 1L));

    String first = new String(SnapshotPublisher.toJson(report()), StandardCharsets.UTF_8);
    String second = new String(SnapshotPublisher.toJson(report()), StandardCharsets.UTF_8);

    assertThat(SnapshotSchemas.errors("traffic.schema.json", first)).isEmpty();
    assertThat(first).isEqualTo(second);
  }
}
