package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.contacts.ContactTable;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.traffic.LandingCounters;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.InMemoryCounterStore;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignReportTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"},
           "main": {"origin": "https://stopitnow.example"}}\
          """);
  private static final LocalDate START = LocalDate.of(2020, 4, 1);
  private static final LocalDate END = LocalDate.of(2020, 5, 19);
  private static final Campaign SPRING =
      new Campaign(
          "spring20",
          "Voorjaar 2020",
          START,
          END,
          "https://stopitnow.example/",
          Map.of("c1", "Kijk uit wat je kijkt!", "c2", "Dreig je een grens over te gaan?"));
  private static final String STAMP = "2020-08-01T00:00:00Z";

  private final InMemoryCounterStore counters = new InMemoryCounterStore();
  private final List<ImpressionRow> rows = new ArrayList<>();
  private Long reach = 220000L;

  private CampaignReport.Inputs inputs(LocalDate through) {
    return new CampaignReport.Inputs(
        List.of(SPRING),
        Map.of("spring20", new ImpressionReport(rows, reach)),
        counters.readFamily(ClickCounters.FAMILY),
        counters.readFamily(LandingCounters.FAMILY),
        counters.readFamily("traffic"),
        SITES,
        through);
  }

  private JsonNode campaignsJson(LocalDate through) throws Exception {
    byte[] json = SnapshotPublisher.toJson(CampaignReport.build(inputs(through), STAMP, STAMP));
    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(SnapshotSchemas.errors("campaigns.schema.json", text)).isEmpty();
    return Json.mapper().readTree(json);
  }

  private void click(LocalDate day, String creative, int hour, long n) {
    counters.add(
        new CounterKey(ClickCounters.FAMILY, "spring20", day),
        Map.of(ClickCounters.hourly(hour), n, ClickCounters.creative(creative), n));
  }

  /** 2,200,000 impressions over 49 days and both creatives; 1,497 clicks. */
  private void theFlemishCampaign() {
    long left = 2_200_000;
    int days = 49;
    for (int d = 0; d < days; d++) {
      long day = d == days - 1 ? left : 44_898;
      long c1 = day * 59 / 100;
      rows.add(new ImpressionRow(START.plusDays(d), "c1", c1));
      rows.add(new ImpressionRow(START.plusDays(d), "c2", day - c1));
      left -= day;
    }
    for (int d = 0; d < days; d++) {
      click(START.plusDays(d), d % 2 == 0 ? "c1" : "c2", 21, 30);
    }
    click(END, "c1", 9, 27);
  }

  @Test
  void build_aCtrOf37In301000_isPublishedWithThreeSignificantDigits() throws Exception {
    rows.add(new ImpressionRow(START, "c1", 301_000));
    click(START, "c1", 10, 37);

    byte[] bytes =
        SnapshotPublisher.toJson(CampaignReport.build(inputs(END.plusDays(60)), STAMP, STAMP));
    String text = new String(bytes, StandardCharsets.UTF_8);

    // Fixed decimals would publish 0.00012 and lose a fifth of the figure.
    assertThat(text).contains("\"ctr\":0.000123,");
    JsonNode campaign = campaignsJson(END.plusDays(60)).path("campaigns").get(0);
    JsonNode c1 = null;
    for (JsonNode creative : campaign.path("byCreative")) {
      c1 = creative.path("key").asText().equals("c1") ? creative : c1;
    }
    assertThat(c1.path("ctr").decimalValue()).isEqualByComparingTo("0.000123");
  }

  @Test
  void build_theFlemishCampaign_givesFrequencyTenAndCtrAsPlainDecimals() throws Exception {
    theFlemishCampaign();

    byte[] bytes =
        SnapshotPublisher.toJson(CampaignReport.build(inputs(END.plusDays(60)), STAMP, STAMP));
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode campaign = campaignsJson(END.plusDays(60)).path("campaigns").get(0);

    assertThat(campaign.path("impressions").asLong()).isEqualTo(2_200_000);
    assertThat(campaign.path("reach").asLong()).isEqualTo(220_000);
    assertThat(campaign.path("clicks").asLong()).isEqualTo(1497);
    assertThat(text).contains("\"frequency\":10.0,").contains("\"ctr\":0.00068,");
    assertThat(text).doesNotContain("E-");
    assertThat(campaign.path("daily")).hasSize(49);
    long dailyImpressions = 0;
    long dailyClicks = 0;
    for (JsonNode day : campaign.path("daily")) {
      dailyImpressions += day.path("impressions").asLong();
      dailyClicks += day.path("clicks").asLong();
    }
    assertThat(dailyImpressions).isEqualTo(2_200_000);
    assertThat(dailyClicks).isEqualTo(1497);
    JsonNode c1 = campaign.path("byCreative").get(0);
    JsonNode c2 = campaign.path("byCreative").get(1);
    assertThat(c1.path("clicks").asLong() + c2.path("clicks").asLong()).isEqualTo(1497);
    assertThat(c1.path("impressions").asLong() + c2.path("impressions").asLong())
        .isEqualTo(2_200_000);
    assertThat(c1.path("label").asText())
        .isEqualTo(SPRING.creatives().get(c1.path("key").asText()));
  }

  @Test
  void build_withoutReachOrImpressions_publishesNullQuotients() throws Exception {
    reach = null;
    click(START, "c1", 10, 3);

    JsonNode campaign = campaignsJson(END).path("campaigns").get(0);

    assertThat(campaign.path("reach").isNull()).isTrue();
    assertThat(campaign.path("frequency").isNull()).isTrue();
    assertThat(campaign.path("ctr").isNull()).isTrue();
    assertThat(campaign.path("landing").path("confirmationRate").asDouble()).isEqualTo(0.0);
  }

  @Test
  void build_landing_countsOnlyTheConfiguredCampaign_andCapsTheRateAtOne() throws Exception {
    click(START, "c1", 10, 4);
    counters.add(
        new CounterKey(LandingCounters.FAMILY, "spring20", START), LandingCounters.visit("main"));
    counters.add(
        new CounterKey(LandingCounters.FAMILY, "spring20", START.plusDays(1)),
        Map.of(LandingCounters.visits("main"), 2L, LandingCounters.visits("selfhelp"), 4L));
    counters.add(
        new CounterKey(LandingCounters.FAMILY, "junk-id", START), Map.of("visits.main", 99L));

    JsonNode json = campaignsJson(END);
    JsonNode landing = json.path("campaigns").get(0).path("landing");

    assertThat(landing.path("taggedVisits").asLong()).isEqualTo(7);
    assertThat(landing.path("confirmationRate").decimalValue()).isEqualByComparingTo("1.0");
    assertThat(landing.path("bySite").path("selfhelp").asLong()).isEqualTo(4);
    assertThat(json.toString()).doesNotContain("junk-id");
  }

  @Test
  void build_excluded_byReasonPerCampaign_andUnknownCampaignsApart() throws Exception {
    counters.add(
        new CounterKey(ClickCounters.FAMILY, "spring20", START),
        Map.of("excluded.head", 2L, "excluded.bot", 3L, "excluded.outsideWindow", 1L));
    counters.add(
        new CounterKey(ClickCounters.FAMILY, ClickCounters.UNATTRIBUTED, START),
        Map.of("excluded.unknownCampaign", 5L));

    JsonNode json = campaignsJson(END);

    assertThat(json.path("campaigns").get(0).path("excluded"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"bot\":3,\"head\":2,\"landingNotAllowed\":0,\"outsideWindow\":1,"
                        + "\"prefetch\":0,\"unknownCreative\":0}"));
    assertThat(json.path("excluded").path("unknownCampaign").asLong()).isEqualTo(5);
  }

  @Test
  void build_uplift_withoutARise_isRatioZero_neverNegative() throws Exception {
    for (LocalDate day = START.minusDays(28);
        !day.isAfter(END.plusDays(28));
        day = day.plusDays(1)) {
      long visits = SPRING.runsOn(day) ? 10 : 20;
      counters.add(new CounterKey("traffic", "selfhelp", day), Map.of("visits.h10", visits));
    }

    JsonNode selfhelp =
        campaignsJson(END.plusDays(28)).path("campaigns").get(0).path("uplift").path("selfhelp");

    assertThat(selfhelp.path("ratio").decimalValue()).isEqualByComparingTo("0");
    assertThat(selfhelp.path("multiplier").decimalValue()).isEqualByComparingTo("0.5");
  }

  @Test
  void build_uplift_comparesTheWindowWithThe28DaysAroundIt() throws Exception {
    for (LocalDate day = START.minusDays(40);
        !day.isAfter(END.plusDays(40));
        day = day.plusDays(1)) {
      long visits = SPRING.runsOn(day) ? 30 : 20;
      counters.add(new CounterKey("traffic", "selfhelp", day), Map.of("visits.h10", visits));
    }

    JsonNode uplift = campaignsJson(END.plusDays(14)).path("campaigns").get(0).path("uplift");

    JsonNode selfhelp = uplift.path("selfhelp");
    assertThat(selfhelp.path("before").decimalValue()).isEqualByComparingTo("20");
    assertThat(selfhelp.path("during").decimalValue()).isEqualByComparingTo("30");
    assertThat(selfhelp.path("after").decimalValue()).isEqualByComparingTo("20");
    assertThat(selfhelp.path("ratio").decimalValue())
        .as("a third of the window's visits above the baseline, to 3 significant digits")
        .isEqualByComparingTo("0.333");
    assertThat(selfhelp.path("multiplier").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(selfhelp.path("beforeDays").asInt()).isEqualTo(28);
    assertThat(selfhelp.path("afterDays").asInt()).as("only days up to the data").isEqualTo(14);
    assertThat(uplift.path("main").path("ratio").isNull()).as("no data, no ratio").isTrue();
  }

  @Test
  void build_sameData_givesTheSameBytes() {
    theFlemishCampaign();

    assertThat(SnapshotPublisher.toJson(CampaignReport.build(inputs(END), STAMP, STAMP)))
        .isEqualTo(SnapshotPublisher.toJson(CampaignReport.build(inputs(END), STAMP, STAMP)));
  }

  private static ContactFacts contact(
      LocalDate date, String howHeard, String outcome, boolean referred) {
    return new ContactFacts(
        date,
        "PHONE",
        "SELF",
        "MALE",
        "26_35",
        howHeard,
        "YES",
        "NONE",
        "NO",
        Set.of(),
        referred ? new ContactFacts.Referral("CGG", "ANTWERPEN", outcome) : null);
  }

  @Test
  void funnel_stagesInOrder_contactStagesUnderPrimarySuppression() throws Exception {
    theFlemishCampaign();
    counters.add(new CounterKey("traffic", "selfhelp", START), Map.of("visits.h10", 40L));
    counters.add(
        new CounterKey("traffic", "selfhelp", START.minusDays(1)), Map.of("visits.h10", 7L));
    counters.add(
        new CounterKey(LandingCounters.FAMILY, "spring20", START), Map.of("visits.main", 12L));
    List<ContactFacts> facts = new ArrayList<>();
    // April: 20 contacts, 12 through a banner, 6 referred of whom 3 arrived; May: 10, all banner.
    for (int i = 0; i < 20; i++) {
      facts.add(
          contact(
              START.plusDays(i),
              i < 12 ? "CAMPAIGN_BANNER" : "SEARCH",
              i < 3 ? "ARRIVED" : null,
              i < 6));
    }
    for (int i = 0; i < 10; i++) {
      facts.add(contact(END.plusDays(1 + i % 5), "CAMPAIGN_BANNER", null, false));
    }
    // Every month of the window released, outcomes included.
    JsonNode contacts = contacts(facts, LocalDate.of(2020, 10, 1));

    String text =
        new String(
            SnapshotPublisher.toJson(
                FunnelReport.build(
                    inputs(END), contacts, DisclosurePolicy.named("threshold5"), STAMP, STAMP)),
            StandardCharsets.UTF_8);

    assertThat(SnapshotSchemas.errors("funnel.schema.json", text)).isEmpty();
    JsonNode campaign = Json.mapper().readTree(text).path("campaigns").get(0);
    assertThat(campaign.path("contactMonths").toString()).isEqualTo("[\"2020-04\",\"2020-05\"]");
    JsonNode stages = campaign.path("stages");
    assertThat(stages.findValuesAsText("stage"))
        .containsExactly(
            "impressions",
            "clicks",
            "taggedVisits",
            "selfhelpVisits",
            "contacts",
            "contactsViaBanner",
            "referrals",
            "arrivals");
    assertThat(stages.get(0).path("count").asLong()).isEqualTo(2200000);
    assertThat(stages.get(3).path("count").asLong()).isEqualTo(40);
    // Each contact stage is the sum of the two months' published cells, or withheld with them.
    String[][] cells = {
      {"total", "ALL"},
      {"howHeard", "CAMPAIGN_BANNER"},
      {"referrals.total", "ALL"},
      {"outcomes", "ARRIVED"}
    };
    for (int s = 0; s < cells.length; s++) {
      JsonNode april = cell(contacts, "2020-04", cells[s][0], cells[s][1]);
      JsonNode may = cell(contacts, "2020-05", cells[s][0], cells[s][1]);
      JsonNode stage = stages.get(4 + s);
      if (april.path("count").isNull() || may.path("count").isNull()) {
        assertThat(stage.path("count").isNull()).as(stage.toString()).isTrue();
        assertThat(stage.path("suppressed").asText()).isEqualTo("secondary");
      } else {
        assertThat(stage.path("count").asLong())
            .isEqualTo(april.path("count").asLong() + may.path("count").asLong());
      }
    }
    // 30 contacts and 22 through a banner are publishable in both months; 3 arrivals are not.
    assertThat(stages.get(4).path("count").asLong()).isEqualTo(30);
    assertThat(stages.get(7).path("count").isNull()).isTrue();
  }

  @Test
  void funnel_aMonthNotYetReleased_leavesContactStagesNullWithTheReleaseDay() throws Exception {
    theFlemishCampaign();
    List<ContactFacts> facts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      facts.add(contact(START.plusDays(i), "CAMPAIGN_BANNER", null, false));
    }
    // April is released on 1 June, May not yet.
    JsonNode contacts = contacts(facts, LocalDate.of(2020, 6, 5));

    List<FunnelReport.Stage> stages =
        FunnelReport.build(
                inputs(END), contacts, DisclosurePolicy.named("threshold5"), STAMP, STAMP)
            .campaigns()
            .getFirst()
            .stages();

    assertThat(stages.get(4))
        .isEqualTo(new FunnelReport.Stage("contacts", null, null, "2020-07-01"));
    assertThat(stages.get(7).releaseOn()).isEqualTo("2020-09-29");
  }

  private static JsonNode contacts(List<ContactFacts> facts, LocalDate today) {
    return new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            new ReleaseCalendar(30, 90),
            YearMonth.of(2020, 1))
        .document(facts, today);
  }

  private static JsonNode cell(JsonNode contacts, String month, String table, String key) {
    for (JsonNode period : contacts.path("periods")) {
      if (period.path("period").asText().equals(month)) {
        return ContactTable.of(table).find(period.path("tables"), key);
      }
    }
    throw new AssertionError("no month " + month);
  }
}
