package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.testing.InMemoryCounterStore;
import be.helpline.insights.testing.SnapshotSchemas;
import be.helpline.insights.testing.TrafficSplit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficFilesTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning",
                        "sections": {"module": "/module/{n}", "start": "/"}},
           "main": {"origin": "https://stopitnow.example"},
           "quiet": {"origin": "https://quiet.example"}}\
          """);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  // Two days after the last page view: traffic.json's daily rows run on, as zeros, through here.
  private static final Instant RUN = Instant.parse("2021-01-04T12:00:00Z");

  private final InMemoryCounterStore store = new InMemoryCounterStore();

  private TrafficReport.Snapshot report() {
    return TrafficReport.build(SITES, store.readFamily("traffic"), RUN, RUN, BRUSSELS);
  }

  /** Page views on selfhelp from 2019-12-20 (returning mode, sections) and on main from 2020-07. */
  private void threeYears() {
    for (LocalDate day = LocalDate.of(2019, 12, 20);
        day.isBefore(LocalDate.of(2021, 1, 3));
        day = day.plusDays(3)) {
      long n = day.getDayOfYear();
      store.add(
          new CounterKey("traffic", "selfhelp", day),
          Map.of(
              "pageviews.h10", n,
              "visits.h10", 1L,
              "visitors", 1L,
              "newVisitors", 1L,
              "deviceFlagged", 1L,
              "pageviews.source.search", n,
              "visits.source.search", 1L,
              "pageviews.section.module", n,
              "visits.section.module", 1L,
              "newVisitors.geo.BE-VLG", 1L));
      if (day.isAfter(LocalDate.of(2020, 7, 1))) {
        store.add(
            new CounterKey("traffic", "main", day),
            Map.of("pageviews.h20", 2L, "visits.h20", 1L, "pageviews.source.social", 2L));
      }
    }
    store.add(
        new CounterKey("traffic", "quiet", LocalDate.of(2020, 3, 1)), Map.of("excluded.bot", 4L));
  }

  private static Map<String, JsonNode> parsed(List<SnapshotFile> files) throws IOException {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (SnapshotFile file : files) {
      byName.put(file.name(), Json.mapper().readTree(file.content()));
    }
    return byName;
  }

  @Test
  void split_joinedBack_isTrafficJson() throws IOException {
    threeYears();
    TrafficReport.Snapshot report = report();
    JsonNode whole = Json.mapper().readTree(SnapshotPublisher.toJson(report));

    Map<String, JsonNode> files = parsed(TrafficFiles.split(report));

    assertThat(files.keySet())
        .containsExactly(
            "traffic/summary.json",
            "traffic/daily/2019.json",
            "traffic/daily/2020.json",
            "traffic/daily/2021.json");
    JsonNode summary = files.get(TrafficFiles.SUMMARY);
    assertThat(summary.path("dailyYears").toString()).isEqualTo("[\"2019\",\"2020\",\"2021\"]");
    Map<String, JsonNode> years = new LinkedHashMap<>();
    for (JsonNode year : summary.path("dailyYears")) {
      years.put(year.asText(), files.get(TrafficFiles.yearFile(year.asText())));
    }
    assertThat(TrafficSplit.join(summary, years)).isEqualTo(whole);
    // Every day from the first page view through the run, so not two empty lists compared.
    assertThat(whole.at("/sites/selfhelp/daily")).hasSize(382);
  }

  @Test
  void split_eachYearHoldsItsOwnDaysOfEverySite_andTheSummaryNoDay() throws IOException {
    threeYears();

    Map<String, JsonNode> files = parsed(TrafficFiles.split(report()));

    for (String year : List.of("2019", "2020", "2021")) {
      JsonNode file = files.get(TrafficFiles.yearFile(year));
      assertThat(file.path("year").asText()).isEqualTo(year);
      assertThat(file.path("sites").fieldNames())
          .toIterable()
          .containsExactly("main", "quiet", "selfhelp");
      assertThat(file.findValuesAsText("date")).isNotEmpty().allMatch(d -> d.startsWith(year));
    }
    JsonNode first = files.get(TrafficFiles.yearFile("2019")).path("sites");
    assertThat(first.at("/main/daily")).isEmpty();
    assertThat(first.at("/selfhelp/daily").get(0).path("date").asText()).isEqualTo("2019-12-20");
    assertThat(first.at("/selfhelp/bySource/daily")).hasSize(12 * 6);
    assertThat(first.at("/selfhelp/bySection/daily")).hasSize(12 * 3);
    assertThat(files.get(TrafficFiles.SUMMARY).findValues("date")).isEmpty();
  }

  @Test
  void summary_activeDays_areTheFirstAndLastDaysWithAPageViewOrAVisit() throws IOException {
    threeYears();

    JsonNode sites = parsed(TrafficFiles.split(report())).get(TrafficFiles.SUMMARY).path("sites");

    // selfhelp's last page view is on 2021-01-01; its daily rows run on through 2021-01-04.
    assertThat(sites.at("/selfhelp/activeDays").toString())
        .isEqualTo("{\"first\":\"2019-12-20\",\"last\":\"2021-01-01\"}");
    assertThat(sites.at("/main/activeDays/first").asText()).isEqualTo("2020-07-02");
    assertThat(sites.at("/quiet/activeDays").isNull()).isTrue();
    assertThat(sites.at("/quiet/excluded/bot").asLong()).isEqualTo(4);
  }

  @Test
  void split_filesMatchTheirSchemas() {
    threeYears();

    for (SnapshotFile file : TrafficFiles.split(report())) {
      String schema =
          file.name().equals(TrafficFiles.SUMMARY)
              ? "traffic-summary.schema.json"
              : "traffic-daily.schema.json";
      assertThat(SnapshotSchemas.errors(schema, new String(file.content(), StandardCharsets.UTF_8)))
          .as(file.name())
          .isEmpty();
    }
  }

  @Test
  void split_withoutAnyPageView_isASummaryWithoutYears() throws IOException {
    Map<String, JsonNode> files = parsed(TrafficFiles.split(report()));

    assertThat(files.keySet()).containsExactly(TrafficFiles.SUMMARY);
    assertThat(files.get(TrafficFiles.SUMMARY).path("dailyYears")).isEmpty();
    assertThat(
            SnapshotSchemas.errors(
                "traffic-summary.schema.json", files.get(TrafficFiles.SUMMARY).toString()))
        .isEmpty();
  }
}
