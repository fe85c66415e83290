package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.testing.InMemoryCampaignStore;
import be.helpline.insights.testing.InMemoryCounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickRedirectTest {
  static final String DEFAULT = "https://stopitnow.example/";
  static final String SPRING_C1 =
      "https://selfhelp.example/start?lang=nl&utm_source=banner&utm_campaign=spring20&utm_content=c1";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131"
          + " Safari/537.36";
  private static final Campaign SPRING =
      new Campaign(
          "spring20",
          "Voorjaar",
          LocalDate.parse("2020-04-01"),
          LocalDate.parse("2020-05-19"),
          "https://selfhelp.example/start?lang=nl",
          new LinkedHashMap<>(Map.of("c1", "Kijk uit wat je kijkt!", "c2", "Dreig je")));

  private final InMemoryCampaignStore campaigns = new InMemoryCampaignStore().with(SPRING);
  private final InMemoryCounterStore counters = new InMemoryCounterStore();
  private Instant now = Instant.parse("2020-04-15T09:21:47Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final ClickRedirect redirect = redirect("selfhelp.example,stopitnow.example");

  private ClickRedirect redirect(String landingHosts) {
    return new ClickRedirect(
        new CampaignCache(campaigns, clock, Duration.ofSeconds(60)),
        counters,
        LandingHosts.fromConfig(landingHosts),
        DEFAULT,
        clock,
        ZoneId.of("Europe/Brussels"));
  }

  @Test
  void redirect_toAHostTakenOffTheAllowList_goesToTheDefaultAndIsCountedApart() {
    // The campaign was stored while selfhelp.example was allowed; the operator has removed it
    // since.
    ClickRedirect.Outcome outcome =
        redirect("stopitnow.example")
            .redirect(new ClickRequest("spring20", "c1", false, BROWSER, "", ""));

    assertThat(outcome.location()).isEqualTo(DEFAULT);
    assertThat(outcome.exclusion()).isEqualTo(ClickExclusion.LANDING_NOT_ALLOWED);
    assertThat(counts("spring20")).containsOnly(Map.entry("excluded.landingNotAllowed", 1L));
  }

  private ClickRedirect.Outcome get(String campaign, String creative) {
    return redirect.redirect(new ClickRequest(campaign, creative, false, BROWSER, "", ""));
  }

  private Map<String, Long> counts(String subject) {
    return counters.readFamily(ClickCounters.FAMILY).stream()
        .filter(day -> day.key().subject().equals(subject))
        .map(DailyCounts::counts)
        .findFirst()
        .orElse(Map.of());
  }

  @Test
  void click_onAConfiguredCreativeInTheWindow_isCountedPerHourAndCreative() {
    ClickRedirect.Outcome outcome = get("spring20", "c1");

    assertThat(outcome.location()).isEqualTo(SPRING_C1);
    assertThat(outcome.exclusion()).isNull();
    assertThat(outcome.lostCount()).isEmpty();
    // 09:21 UTC is 11:21 in Brussels.
    assertThat(counts("spring20"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("clicks.h11", 1L, "clicks.creative.c1", 1L));
    assertThat(counters.readFamily(ClickCounters.FAMILY).getFirst().key())
        .isEqualTo(new CounterKey("clicks", "spring20", LocalDate.parse("2020-04-15")));
  }

  @Test
  void head_redirectsToTheCampaignButIsOnlyCountedAsExcluded() {
    ClickRedirect.Outcome outcome =
        redirect.redirect(new ClickRequest("spring20", "c1", true, BROWSER, "", ""));

    assertThat(outcome.location()).isEqualTo(SPRING_C1);
    assertThat(counts("spring20")).containsExactlyEntriesOf(Map.of("excluded.head", 1L));
  }

  @Test
  void prefetch_redirectsToTheCampaignButIsOnlyCountedAsExcluded() {
    assertThat(
            redirect
                .redirect(new ClickRequest("spring20", "c1", false, BROWSER, "prefetch", ""))
                .location())
        .isEqualTo(SPRING_C1);
    redirect.redirect(new ClickRequest("spring20", "c1", false, BROWSER, "", "prefetch"));

    assertThat(counts("spring20")).containsExactlyEntriesOf(Map.of("excluded.prefetch", 2L));
  }

  @Test
  void bot_redirectsToTheCampaignButIsOnlyCountedAsExcluded() {
    ClickRedirect.Outcome outcome =
        redirect.redirect(
            new ClickRequest(
                "spring20", "c1", false, "Mozilla/5.0 (compatible; Googlebot/2.1)", "", ""));
    redirect.redirect(new ClickRequest("spring20", "c1", false, "", "", ""));

    assertThat(outcome.location()).isEqualTo(SPRING_C1);
    assertThat(counts("spring20")).containsExactlyEntriesOf(Map.of("excluded.bot", 2L));
  }

  @Test
  void outsideTheWindowInBrussels_goesToTheDefaultAndIsExcluded() {
    // 22:30 UTC on 19 May is already 20 May in Brussels: the day after the campaign's end.
    now = Instant.parse("2020-05-19T22:30:00Z");
    assertThat(get("spring20", "c1").location()).isEqualTo(DEFAULT);
    // 22:30 UTC on 31 March is 1 April in Brussels: its first day.
    now = Instant.parse("2020-03-31T22:30:00Z");
    assertThat(get("spring20", "c1").location()).isEqualTo(SPRING_C1);

    assertThat(counters.readFamily(ClickCounters.FAMILY))
        .extracting(DailyCounts::counts)
        .containsExactlyInAnyOrder(
            Map.of("excluded.outsideWindow", 1L),
            Map.of("clicks.h00", 1L, "clicks.creative.c1", 1L));
  }

  @Test
  void unknownCreative_goesToTheDefaultAndIsExcludedUnderItsCampaign() {
    assertThat(get("spring20", "c3").location()).isEqualTo(DEFAULT);
    assertThat(get("spring20", "C1").location()).isEqualTo(DEFAULT);
    assertThat(get("spring20", "c/1").location()).isEqualTo(DEFAULT);

    assertThat(counts("spring20")).containsExactlyEntriesOf(Map.of("excluded.unknownCreative", 3L));
  }

  @Test
  void unknownOrInvalidCampaign_goesToTheDefaultAndIsExcludedUnattributed() {
    assertThat(get("autumn20", "c1").location()).isEqualTo(DEFAULT);
    assertThat(get("x".repeat(10_000), "c1").location()).isEqualTo(DEFAULT);

    assertThat(counts(ClickCounters.UNATTRIBUTED))
        .containsExactlyEntriesOf(Map.of("excluded.unknownCampaign", 2L));
    assertThat(counters.readFamily(ClickCounters.FAMILY)).hasSize(1);
  }

  @Test
  void campaigns_areReadOncePerMinute() {
    get("spring20", "c1");
    get("spring20", "c2");
    now = now.plusSeconds(59);
    get("spring20", "c1");
    assertThat(campaigns.reads()).isEqualTo(1);

    now = now.plusSeconds(1);
    get("spring20", "c1");
    assertThat(campaigns.reads()).isEqualTo(2);
  }

  @Test
  void countersDown_stillRedirectsToTheCampaignAndReportsTheLoss() {
    counters.goDown(true);

    ClickRedirect.Outcome outcome = get("spring20", "c1");

    assertThat(outcome.location()).isEqualTo(SPRING_C1);
    assertThat(outcome.lostCount()).isPresent();
  }

  @Test
  void campaignsDown_usesTheCachedCampaignEvenWhenStale() {
    get("spring20", "c1");
    campaigns.goDown(true);
    now = now.plusSeconds(3600);

    ClickRedirect.Outcome outcome = get("spring20", "c1");

    assertThat(outcome.location()).isEqualTo(SPRING_C1);
    assertThat(outcome.lostCount()).isPresent();
  }

  @Test
  void campaignsDownAndNothingCached_goesToTheDefaultAndReportsTheLoss() {
    campaigns.goDown(true);

    ClickRedirect.Outcome outcome = get("spring20", "c1");

    assertThat(outcome.location()).isEqualTo(DEFAULT);
    assertThat(outcome.lostCount()).isPresent();
    assertThat(counters.readFamily(ClickCounters.FAMILY)).isEmpty();
  }

  @Test
  void redirect_tenThousandClicksWithMadeUpIds_storeOnlyTheConfiguredCampaignsItems() {
    // Unique campaign and creative ids, some of them the configured campaign's: whatever is sent,
    // the items are one per configured campaign and day, plus one of unattributed clicks.
    java.util.Random random = new java.util.Random(14);
    for (int i = 0; i < 10_000; i++) {
      String campaign = random.nextInt(3) == 0 ? "spring20" : String.format("c%08x", i);
      String creative = random.nextBoolean() ? "c1" : "x" + random.nextInt(1_000_000);
      get(campaign, creative);
    }

    assertThat(counters.readFamily(ClickCounters.FAMILY))
        .extracting(day -> day.key().subject())
        .containsExactlyInAnyOrder("spring20", ClickCounters.UNATTRIBUTED);
    assertThat(counts("spring20").keySet())
        .filteredOn(name -> name.startsWith("clicks.creative."))
        .containsOnly("clicks.creative.c1");
    System.out.printf(
        "10,000 clicks with unique ids: %d click items; spring20 %s%n",
        counters.readFamily(ClickCounters.FAMILY).size(), counts("spring20"));
  }
}
