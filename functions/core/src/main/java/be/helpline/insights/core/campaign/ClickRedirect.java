package be.helpline.insights.core.campaign;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.traffic.BotDetector;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: the banner redirect. The target is always a configured URL: the campaign's landing URL
 * with its utm parameters when the path names a configured campaign and one of its creatives on a
 * day of its window, else the programme's default landing URL. Then it counts a click, or an
 * exclusion by reason. Storage never delays or breaks the answer: a failure is returned as a lost
 * count next to the target, never thrown.
 */
public final class ClickRedirect {
  private final CampaignCache campaigns;
  private final DailyCounterStore counters;
  private final LandingHosts landingHosts;
  private final String defaultLandingUrl;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param landingHosts checked again on every answer: a host taken off the allow-list stops being
   *     a target at once, whatever the campaigns stored before say
   */
  public ClickRedirect(
      CampaignCache campaigns,
      DailyCounterStore counters,
      LandingHosts landingHosts,
      String defaultLandingUrl,
      Clock clock,
      ZoneId zone) {
    this.campaigns = campaigns;
    this.counters = counters;
    this.landingHosts = landingHosts;
    this.defaultLandingUrl = defaultLandingUrl;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Where to send the visitor, and what became of the count.
   *
   * @param exclusion why it was not counted as a click, or null for a click
   * @param loss the storage failure that lost the count, or null when it was stored
   */
  public record Outcome(String location, ClickExclusion exclusion, RuntimeException loss) {
    public Optional<RuntimeException> lostCount() {
      return Optional.ofNullable(loss);
    }
  }

  public Outcome redirect(ClickRequest request) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    String campaignId = request.campaignId();
    String creativeId = request.creativeId();
    if (!Campaign.isValidId(campaignId)) {
      return count(null, now, ClickExclusion.UNKNOWN_CAMPAIGN, null);
    }
    CampaignCache.Lookup lookup = campaigns.find(campaignId);
    Optional<Campaign> found = lookup.found();
    if (lookup.storageFailure().isPresent()) {
      // Storage is failing: answer at once, without a second call that would fail the same way.
      String location =
          found
              .filter(c -> Campaign.isValidId(creativeId) && c.hasCreative(creativeId))
              .filter(c -> c.runsOn(now.toLocalDate()))
              .filter(this::landsOnAllowedHost)
              .map(c -> c.landingUrlFor(creativeId))
              .orElse(defaultLandingUrl);
      return new Outcome(location, null, lookup.failure());
    }
    if (found.isEmpty()) {
      return count(null, now, ClickExclusion.UNKNOWN_CAMPAIGN, null);
    }
    Campaign campaign = found.get();
    if (!Campaign.isValidId(creativeId) || !campaign.hasCreative(creativeId)) {
      return count(campaign, now, ClickExclusion.UNKNOWN_CREATIVE, null);
    }
    if (!campaign.runsOn(now.toLocalDate())) {
      return count(campaign, now, ClickExclusion.OUTSIDE_WINDOW, null);
    }
    if (!landsOnAllowedHost(campaign)) {
      return count(campaign, now, ClickExclusion.LANDING_NOT_ALLOWED, null);
    }
    String location = campaign.landingUrlFor(creativeId);
    if (request.head()) {
      return count(campaign, now, ClickExclusion.HEAD, location);
    }
    if (BotDetector.isPrefetch(request.secPurpose(), request.purpose())) {
      return count(campaign, now, ClickExclusion.PREFETCH, location);
    }
    if (BotDetector.isAutomated(request.userAgent())) {
      return count(campaign, now, ClickExclusion.BOT, location);
    }
    return store(
        campaign,
        now,
        ClickCounters.click(creativeId, now.getHour()),
        new Outcome(location, null, null));
  }

  /** Whether the campaign's stored landing URL passes today's {@code LANDING_HOSTS}. */
  private boolean landsOnAllowedHost(Campaign campaign) {
    return landingHosts.problem(campaign.landingUrl()).isEmpty();
  }

  /**
   * Counts an exclusion against the campaign (null: unattributed); the location defaults to the
   * programme's landing URL.
   */
  private Outcome count(
      Campaign campaign, ZonedDateTime now, ClickExclusion reason, String locationOrNull) {
    String location = locationOrNull == null ? defaultLandingUrl : locationOrNull;
    return store(
        campaign,
        now,
        Map.of(ClickCounters.excluded(reason), 1L),
        new Outcome(location, reason, null));
  }

  private Outcome store(
      Campaign campaign, ZonedDateTime now, Map<String, Long> increments, Outcome outcome) {
    CounterKey key =
        campaign == null
            ? CounterKey.unattributed(
                ClickCounters.FAMILY, ClickCounters.UNATTRIBUTED, now.toLocalDate())
            : CounterKey.of(ClickCounters.FAMILY, campaign, now.toLocalDate());
    try {
      counters.add(key, increments);
      return outcome;
    } catch (RuntimeException failure) {
      return new Outcome(outcome.location(), outcome.exclusion(), failure);
    }
  }
}
