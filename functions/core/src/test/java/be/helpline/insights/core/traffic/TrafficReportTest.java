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
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning",
                        "sections": {"module": "/module/{n}", "start": "/"}},
           "main": {"origin": "https://stopitnow.example"}}\
          """);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final Instant RUN = Instant.parse("2020-04-03T12:00:00Z");

  private final InMemoryCounterStore store = new InMemoryCounterStore();

  private TrafficReport.Snapshot report() {
    return TrafficReport.build(SITES, store.readFamily("traffic"), RUN, RUN, BRUSSELS);
  }

  private void add(String site, LocalDate date, Map<String, Long> counts) {
    store.add(new CounterKey("traffic", site, date), counts);
  }

  @Test
  void build_sumsHoursIntoDaysMonthsTotalsAndTheHourProfile() {
    add("selfhelp", LocalDate.of(2020, 3, 31), Map.of("pageviews.h22", 3L, "visits.h22", 2L));
    add(
        "selfhelp",
        LocalDate.of(2020, 4, 2),
        Map.of("pageviews.h10", 5L, "visits.h10", 1L, "pageviews.h22", 1L));

    TrafficReport.SiteTraffic selfhelp = report().sites().get("selfhelp");

    assertThat(selfhelp.mode()).isEqualTo("returning");
    assertThat(selfhelp.total().pageviews()).isEqualTo(9);
    assertThat(selfhelp.total().visits()).isEqualTo(3);
    assertThat(selfhelp.daily())
        .extracting(
            TrafficReport.Day::date, TrafficReport.Day::pageviews, TrafficReport.Day::visits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2020-03-31", 3L, 2L),
            org.assertj.core.groups.Tuple.tuple("2020-04-01", 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("2020-04-02", 6L, 1L),
            org.assertj.core.groups.Tuple.tuple("2020-04-03", 0L, 0L));
    assertThat(selfhelp.monthly())
        .extracting(TrafficReport.Month::month, TrafficReport.Month::pageviews)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2020-03", 3L),
            org.assertj.core.groups.Tuple.tuple("2020-04", 6L));
    assertThat(selfhelp.hourOfDay()).hasSize(24);
    assertThat(selfhelp.hourOfDay().get(22)).isEqualTo(new TrafficReport.HourCounts(22, 4));
    assertThat(selfhelp.hourOfDay().get(10)).isEqualTo(new TrafficReport.HourCounts(10, 5));
  }

  @Test
  void build_bySection_listsEveryConfiguredSectionThenOther_perDayMonthAndTotal() {
    add(
        "selfhelp",
        LocalDate.of(2020, 3, 31),
        Map.of(
            "pageviews.h10", 4L,
            "visits.h10", 2L,
            "pageviews.section.module", 3L,
            "visits.section.module", 1L,
            "pageviews.section.other", 1L,
            "visits.section.other", 1L));
    add(
        "selfhelp",
        LocalDate.of(2020, 4, 1),
        Map.of(
            "pageviews.h10", 2L, "pageviews.section.module", 2L, "pageviews.section.unknown", 9L));

    TrafficReport.BySection bySection = report().sites().get("selfhelp").bySection();

    assertThat(bySection.total())
        .extracting(
            TrafficReport.SectionRow::key,
            TrafficReport.SectionRow::pageviews,
            TrafficReport.SectionRow::visits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("module", 5L, 1L),
            org.assertj.core.groups.Tuple.tuple("start", 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("other", 1L, 1L));
    assertThat(bySection.monthly())
        .extracting(TrafficReport.SectionRow::month, TrafficReport.SectionRow::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2020-03", "module"),
            org.assertj.core.groups.Tuple.tuple("2020-03", "start"),
            org.assertj.core.groups.Tuple.tuple("2020-03", "other"),
            org.assertj.core.groups.Tuple.tuple("2020-04", "module"),
            org.assertj.core.groups.Tuple.tuple("2020-04", "start"),
            org.assertj.core.groups.Tuple.tuple("2020-04", "other"));
    // Every day through the data's end, each with every section: 31 March to 3 April.
    assertThat(bySection.daily()).hasSize(4 * 3);
    assertThat(bySection.daily().get(0))
        .isEqualTo(new TrafficReport.SectionRow("2020-03-31", null, "module", 3, 1));
    assertThat(report().sites().get("main").bySection().total())
        .extracting(TrafficReport.SectionRow::key)
        .containsExactly("other");
  }

  @Test
  void build_returningMode_reportsVisitorsNewAndReturningAndTheFlagShare() {
    add(
        "selfhelp",
        LocalDate.of(2020, 4, 1),
        Map.of(
            "pageviews.h10", 4L,
            "visits.h10", 2L,
            "deviceFlagged", 3L,
            "visitors", 2L,
            "monthlyVisitors", 2L,
            "newVisitors", 2L,
            "newVisitors.geo.BE-VLG", 1L,
            "newVisitors.geo.UNKNOWN", 1L));
    add(
        "selfhelp",
        LocalDate.of(2020, 4, 2),
        Map.of(
            "pageviews.h09", 1L,
            "visits.h09", 1L,
            "deviceFlagged", 1L,
            "visitors", 1L,
            "returningVisitors", 1L,
            "returningVisitors.geo.BE-VLG", 1L));

    TrafficReport.SiteTraffic selfhelp = report().sites().get("selfhelp");

    assertThat(selfhelp.total().newVisitors()).isEqualTo(2);
    assertThat(selfhelp.total().returningVisitors()).isEqualTo(1);
    assertThat(selfhelp.total().deviceFlagShare()).isEqualByComparingTo("0.8");
    assertThat(selfhelp.daily().get(1).visitors()).isEqualTo(1);
    assertThat(selfhelp.monthly().getFirst().visitors()).isEqualTo(2);
    assertThat(selfhelp.byGeo().total())
        .extracting(TrafficReport.GeoRow::key)
        .containsExactly("BE-VLG", "BE-BRU", "BE-WAL", "NL", "OTHER", "UNKNOWN");
    TrafficReport.GeoRow flanders = selfhelp.byGeo().total().getFirst();
    assertThat(flanders.newVisitors()).isEqualTo(1);
    assertThat(flanders.returningVisitors()).isEqualTo(1);
    assertThat(selfhelp.byGeo().monthly()).hasSize(6);
  }

  @Test
  void build_anonymousMode_leavesDeviceFiguresOut() {
    add("main", LocalDate.of(2020, 4, 2), Map.of("pageviews.h10", 1L, "visits.h10", 1L));

    TrafficReport.SiteTraffic main = report().sites().get("main");

    assertThat(main.mode()).isEqualTo("anonymous");
    assertThat(main.total().newVisitors()).isNull();
    assertThat(main.total().deviceFlagShare()).isNull();
    assertThat(main.daily().getFirst().visitors()).isNull();
  }

  @Test
  void build_sourceTablesHoldEveryCategory() {
    add(
        "main",
        LocalDate.of(2020, 4, 2),
        Map.of("pageviews.h10", 2L, "pageviews.source.social", 2L, "visits.source.social", 1L));

    TrafficReport.BySource bySource = report().sites().get("main").bySource();

    assertThat(bySource.total())
        .extracting(TrafficReport.SourceRow::key)
        .containsExactly("search", "social", "campaign", "internal", "other", "direct");
    assertThat(bySource.total().get(1).pageviews()).isEqualTo(2);
    assertThat(bySource.daily()).hasSize(6 * 2);
  }

  @Test
  void build_exclusions_areReportedByReasonPerSiteAndUnattributed() {
    add("selfhelp", LocalDate.of(2020, 4, 2), Map.of("excluded.bot", 3L));
    add("-", LocalDate.of(2020, 4, 2), Map.of("excluded.unknownSite", 2L));

    TrafficReport.Snapshot report = report();

    assertThat(report.sites().get("selfhelp").excluded())
        .containsEntry("bot", 3L)
        .containsEntry("prefetch", 0L)
        .containsEntry("invalid", 0L);
    assertThat(report.sites().get("selfhelp").daily()).isEmpty();
    assertThat(report.excluded()).containsEntry("unknownSite", 2L);
  }

  @Test
  void build_siteWithoutData_isListedEmpty() {
    TrafficReport.SiteTraffic main = report().sites().get("main");

    assertThat(main.total().pageviews()).isZero();
    assertThat(main.daily()).isEmpty();
  }

  @Test
  void build_countersOfAnUnconfiguredSite_areNotPublished() {
    add("retired", LocalDate.of(2020, 4, 2), Map.of("pageviews.h10", 5L));

    assertThat(report().sites()).containsOnlyKeys("main", "selfhelp");
  }

  @Test
  void build_output_isValidAgainstTheSchemaAndDeterministic() {
    add(
        "selfhelp",
        LocalDate.of(2020, 4, 2),
        Map.of("pageviews.h10", 5L, "visits.h10", 1L, "deviceFlagged", 2L, "newVisitors", 1L));
    add("main", LocalDate.of(2020, 4, 2), Map.of("pageviews.h10", 1L));

    String first = new String(SnapshotPublisher.toJson(report()), StandardCharsets.UTF_8);
    String second = new String(SnapshotPublisher.toJson(report()), StandardCharsets.UTF_8);

    assertThat(SnapshotSchemas.errors("traffic.schema.json", first)).isEmpty();
    assertThat(first).isEqualTo(second);
  }
}
