package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignCache;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryCounterStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeaconIntakeTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning",
                        "sections": {"module": "/module/{n}", "start": "/"}},
           "main": {"origin": "https://stopitnow.example"}}\
          """);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final String ORIGIN = "https://selfhelp.example";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131"
          + " Safari/537.36";
  private static final String VISIT =
      """
      {"site": "selfhelp", "path": "/module/3", "source": "search", "newVisit": true}\
      """;

  private final InMemoryCounterStore store = new InMemoryCounterStore();
  private final InMemoryCampaignStore campaigns =
      new InMemoryCampaignStore()
          .with(
              new Campaign(
                  "spring20",
                  "Voorjaar",
                  LocalDate.parse("2020-04-01"),
                  LocalDate.parse("2020-05-19"),
                  "https://selfhelp.example/start",
                  new LinkedHashMap<>(Map.of("c1", "Kijk uit wat je kijkt!"))));
  private String now = "2020-04-02T08:15:00Z";

  private BeaconIntake.Outcome send(String origin, String contentType, String body) {
    return send(
        origin, contentType, BROWSER, "", "BE", "VAN", body.getBytes(StandardCharsets.UTF_8));
  }

  private BeaconIntake.Outcome send(
      String origin,
      String contentType,
      String userAgent,
      String secPurpose,
      String country,
      String region,
      byte[] body) {
    return intake(store)
        .record(
            new BeaconRequest(
                origin, contentType, userAgent, secPurpose, "", country, region, body));
  }

  private BeaconIntake intake(DailyCounterStore counters) {
    Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    return new BeaconIntake(
        SITES,
        new CampaignCache(campaigns, clock, Duration.ofSeconds(60)),
        counters,
        clock,
        BRUSSELS);
  }

  private Map<String, Long> counts(String subject) {
    Map<String, Long> all = new HashMap<>();
    for (DailyCounts day : store.readFamily("traffic")) {
      if (day.key().subject().equals(subject)) {
        day.counts().forEach((name, value) -> all.merge(name, value, Long::sum));
      }
    }
    return all;
  }

  @Test
  void record_countsPageViewAndVisitAtTheLocalHourByGeoAndSource() {
    assertThat(send(ORIGIN, "text/plain;charset=UTF-8", VISIT))
        .isEqualTo(BeaconIntake.Outcome.COUNTED);

    List<DailyCounts> days = store.readFamily("traffic");
    assertThat(days).hasSize(1);
    assertThat(days.getFirst().key())
        .isEqualTo(new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2)));
    // 08:15 UTC is 10:15 in Brussels (summer time): the hour is the reporting zone's.
    assertThat(days.getFirst().counts())
        .containsEntry("pageviews.h10", 1L)
        .containsEntry("visits.h10", 1L)
        .containsEntry("pageviews.geo.BE-VLG", 1L)
        .containsEntry("visits.source.search", 1L)
        .containsEntry("pageviews.section.module", 1L)
        .containsEntry("visits.section.module", 1L)
        .doesNotContainKey("deviceFlagged");
  }

  @Test
  void record_pathCountsOnlyAsItsConfiguredSection_everythingElseAsOther() {
    for (String path :
        List.of("/module/1", "/module/2?token=abc", "/", "/over-ons", "/module/2/x#y")) {
      send(
          ORIGIN,
          "application/json",
          "{\"site\": \"selfhelp\", \"path\": \""
              + path
              + "\", \"source\": \"direct\","
              + " \"newVisit\": false}");
    }

    assertThat(counts("selfhelp"))
        .containsEntry("pageviews.section.module", 2L)
        .containsEntry("pageviews.section.start", 1L)
        .containsEntry("pageviews.section.other", 2L)
        .doesNotContainKey("visits.section.module");
    assertThat(counts("selfhelp").keySet())
        .noneMatch(
            name -> name.contains("over-ons") || name.contains("token") || name.contains("/"));
  }

  @Test
  void record_campaignTaggedVisit_isCountedApartPerCampaignAndSite_pageViewsWithinItAreNot() {
    String tagged =
        """
        {"site": "selfhelp", "path": "/", "source": "campaign", "campaign": "spring20",
         "newVisit": true}\
        """;
    send(ORIGIN, "application/json", tagged);
    send(ORIGIN, "application/json", tagged.replace("\"newVisit\": true", "\"newVisit\": false"));

    assertThat(store.readFamily("landing"))
        .containsExactly(
            new DailyCounts(
                new CounterKey("landing", "spring20", LocalDate.of(2020, 4, 2)),
                Map.of("visits.selfhelp", 1L)));
    assertThat(counts("selfhelp")).containsEntry("pageviews.h10", 2L).doesNotContainKey("spring20");
  }

  @Test
  void record_visitTaggedWithAnUnknownCampaign_isCountedUntaggedAndTheIdIsNeverKept() {
    String tagged =
        """
        {"site": "selfhelp", "path": "/", "source": "campaign", "campaign": "mail-4711",
         "newVisit": true}\
        """;

    assertThat(send(ORIGIN, "application/json", tagged)).isEqualTo(BeaconIntake.Outcome.COUNTED);

    assertThat(store.readFamily("landing")).isEmpty();
    assertThat(counts("selfhelp"))
        .containsEntry("visits.h10", 1L)
        .containsEntry("excluded.unknownCampaign", 1L);
    assertThat(counts("selfhelp").keySet()).noneMatch(name -> name.contains("4711"));
  }

  @Test
  void record_visitTaggedWhileCampaignsCannotBeRead_keepsNoLandingCount() {
    campaigns.goDown(true);
    String tagged =
        """
        {"site": "selfhelp", "path": "/", "source": "campaign", "campaign": "spring20",
         "newVisit": true}\
        """;

    assertThat(send(ORIGIN, "application/json", tagged))
        .isEqualTo(BeaconIntake.Outcome.COUNTED_TAGGED_VISIT_LOST);

    assertThat(store.readFamily("landing")).isEmpty();
    assertThat(counts("selfhelp")).containsEntry("visits.h10", 1L);
  }

  @Test
  void record_tenThousandBeaconsWithMadeUpIds_storeOnlyTheConfiguredSitesItems() {
    // Every beacon a unique campaign id, path and a random source and site: the items stored are
    // one per configured site and day (and one for unattributed refusals), whatever was sent.
    java.util.Random random = new java.util.Random(14);
    List<String> sources = List.of("direct", "search", "social", "campaign", "other", "x");
    for (int i = 0; i < 10_000; i++) {
      String body =
          String.format(
              "{\"site\": \"%s\", \"path\": \"/p/%d\", \"source\": \"%s\","
                  + " \"campaign\": \"c%08x\", \"newVisit\": %b}",
              random.nextInt(4) == 0 ? "site" + i : "selfhelp",
              random.nextInt(),
              sources.get(random.nextInt(sources.size())),
              i,
              random.nextBoolean());
      try {
        send(ORIGIN, "application/json", body);
      } catch (InvalidInputException refused) {
        // Unknown sites and sources are refused, and counted as exclusions.
      }
    }

    assertThat(store.readFamily("landing")).isEmpty();
    assertThat(store.readFamily("traffic"))
        .extracting(day -> day.key().subject())
        .containsExactlyInAnyOrder("selfhelp");
    // 10,000 different paths, all outside the configured sections: one section counter, other.
    assertThat(counts("selfhelp").keySet())
        .filteredOn(name -> name.contains(".section."))
        .containsExactlyInAnyOrder("pageviews.section.other", "visits.section.other");
    System.out.printf(
        "10,000 beacons with unique campaign ids, paths and sites: %d traffic items, %d landing"
            + " items; counted %s%n",
        store.readFamily("traffic").size(), store.readFamily("landing").size(), counts("selfhelp"));
  }

  @Test
  void record_taggedVisitLostToStorage_isStillCountedAsAPageView() {
    DailyCounterStore landingDown =
        new DailyCounterStore() {
          @Override
          public void add(CounterKey key, Map<String, Long> increments) {
            if (key.family().equals("landing")) {
              throw new StorageUnavailableException("down", new RuntimeException("down"));
            }
            store.add(key, increments);
          }

          @Override
          public List<DailyCounts> read(
              String family, java.util.Collection<String> subjects, java.time.LocalDate from) {
            return store.read(family, subjects, from);
          }
        };
    BeaconIntake intake = intake(landingDown);

    BeaconIntake.Outcome outcome =
        intake.record(
            new BeaconRequest(
                ORIGIN,
                "application/json",
                BROWSER,
                "",
                "",
                "BE",
                "VAN",
                VISIT
                    .replace("\"search\"", "\"campaign\", \"campaign\": \"spring20\"")
                    .getBytes(StandardCharsets.UTF_8)));

    assertThat(outcome).isEqualTo(BeaconIntake.Outcome.COUNTED_TAGGED_VISIT_LOST);
    assertThat(store.readFamily("traffic")).hasSize(1);
  }

  @Test
  void record_lateUtcEvening_countsOnTheNextLocalDay() {
    now = "2020-04-02T22:30:00Z";
    send(ORIGIN, "application/json", VISIT);

    assertThat(store.readFamily("traffic").getFirst().key().date())
        .isEqualTo(LocalDate.of(2020, 4, 3));
  }

  @Test
  void record_pageViewWithinAVisit_addsNoVisit() {
    send(
        ORIGIN,
        "application/json",
        """
        {"site": "selfhelp", "path": "/module/4", "source": "internal", "newVisit": false}\
        """);

    assertThat(counts("selfhelp"))
        .containsEntry("pageviews.h10", 1L)
        .doesNotContainKey("visits.h10");
  }

  @Test
  void record_deviceFlags_countVisitorsNewAndReturningByGeo() {
    send(
        ORIGIN,
        "application/json",
        """
        {"site": "selfhelp", "path": "/", "source": "direct", "newVisit": true,
         "device": {"firstOfDay": true, "firstOfMonth": true, "firstEver": false, "firstReturn": true}}\
        """);

    assertThat(counts("selfhelp"))
        .containsEntry("deviceFlagged", 1L)
        .containsEntry("visitors", 1L)
        .containsEntry("monthlyVisitors", 1L)
        .containsEntry("returningVisitors", 1L)
        .containsEntry("returningVisitors.geo.BE-VLG", 1L)
        .doesNotContainKey("newVisitors");
  }

  @Test
  void record_deviceFlagsForAnAnonymousModeSite_areRefused() {
    assertThatThrownBy(
            () ->
                send(
                    "https://stopitnow.example",
                    "application/json",
                    """
                    {"site": "main", "path": "/", "source": "direct", "newVisit": true,
                     "device": {"firstOfDay": true, "firstOfMonth": true, "firstEver": true, "firstReturn": false}}\
                    """))
        .isInstanceOf(InvalidInputException.class);
    assertThat(counts("main")).containsOnly(Map.entry("excluded.invalid", 1L));
  }

  @Test
  void record_bot_isAcceptedButOnlyCountedAsExcluded() {
    BeaconIntake.Outcome outcome =
        send(
            ORIGIN,
            "application/json",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "",
            "BE",
            "VAN",
            VISIT.getBytes(StandardCharsets.UTF_8));

    assertThat(outcome).isEqualTo(BeaconIntake.Outcome.EXCLUDED_BOT);
    assertThat(counts("selfhelp")).containsOnly(Map.entry("excluded.bot", 1L));
  }

  @Test
  void record_prefetch_isAcceptedButOnlyCountedAsExcluded() {
    BeaconIntake.Outcome outcome =
        send(
            ORIGIN,
            "application/json",
            BROWSER,
            "prefetch;prerender",
            "BE",
            "VAN",
            VISIT.getBytes(StandardCharsets.UTF_8));

    assertThat(outcome).isEqualTo(BeaconIntake.Outcome.EXCLUDED_PREFETCH);
    assertThat(counts("selfhelp")).containsOnly(Map.entry("excluded.prefetch", 1L));
  }

  @Test
  void record_wrongOrigin_isForbiddenAndCountedAgainstTheSite() {
    assertThatThrownBy(() -> send("https://evil.example", "application/json", VISIT))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> send("", "application/json", VISIT))
        .isInstanceOf(ForbiddenException.class);

    assertThat(counts("selfhelp")).containsOnly(Map.entry("excluded.wrongOrigin", 2L));
  }

  @Test
  void record_unknownSite_isInvalidAndCountedAgainstTheOriginsSite() {
    String unknown =
        """
        {"site": "other", "path": "/", "source": "direct", "newVisit": true}\
        """;
    assertThatThrownBy(() -> send(ORIGIN, "application/json", unknown))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> send("https://elsewhere.example", "application/json", unknown))
        .isInstanceOf(InvalidInputException.class);

    assertThat(counts("selfhelp")).containsOnly(Map.entry("excluded.unknownSite", 1L));
    assertThat(counts("-")).containsOnly(Map.entry("excluded.unknownSite", 1L));
  }

  @Test
  void record_bodyOver4k_isTooLarge() {
    byte[] big = new byte[BeaconIntake.MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> send(ORIGIN, "application/json", BROWSER, "", "", "", big))
        .isInstanceOf(PayloadTooLargeException.class);
    assertThat(counts("selfhelp")).containsOnly(Map.entry("excluded.invalid", 1L));
  }

  @Test
  void record_formEncodedOrMissingType_isUnsupported() {
    assertThatThrownBy(() -> send(ORIGIN, "application/x-www-form-urlencoded", VISIT))
        .isInstanceOf(UnsupportedMediaTypeException.class);
    assertThatThrownBy(() -> send(ORIGIN, "", VISIT))
        .isInstanceOf(UnsupportedMediaTypeException.class);
  }

  @Test
  void record_notJson_isInvalid() {
    assertThatThrownBy(() -> send(ORIGIN, "text/plain", "site=selfhelp"))
        .isInstanceOf(InvalidInputException.class);
  }
}
