package be.helpline.insights.core.traffic;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.CounterSubject;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.core.site.VisitorMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: count one visit beacon. Checks size, media type, body and origin, leaves bots and
 * prefetches out (counted by reason), then adds the page view to its site's counters for the
 * current hour of the reporting day. Nothing about the request is kept but those counts: no IP,
 * User-Agent, referrer, path (only the configured section it falls in) or query string.
 */
public final class BeaconIntake {
  public static final int MAX_BODY_BYTES = 4096;

  private final SiteRegistry sites;
  private final CampaignTags campaigns;
  private final DailyCounterStore counters;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param campaigns the configured campaigns: only their ids become landing counters
   */
  public BeaconIntake(
      SiteRegistry sites,
      CampaignTags campaigns,
      DailyCounterStore counters,
      Clock clock,
      ZoneId zone) {
    this.sites = sites;
    this.campaigns = campaigns;
    this.counters = counters;
    this.clock = clock;
    this.zone = zone;
  }

  /** What became of a beacon that was not refused. */
  public enum Outcome {
    COUNTED,
    /** The page view is stored; its campaign-tagged visit was lost to storage (an undercount). */
    COUNTED_TAGGED_VISIT_LOST,
    EXCLUDED_BOT,
    EXCLUDED_PREFETCH
  }

  /**
   * Counts the beacon, or leaves it out as a bot or prefetch (both still answered as accepted), or
   * throws: 413 too large, 415 wrong media type, 400 invalid or unknown site, 403 wrong origin.
   * Refusals are counted as exclusions too.
   */
  public Outcome record(BeaconRequest request) {
    Beacon beacon;
    Site site;
    try {
      beacon = validBeacon(request);
      site =
          sites
              .find(beacon.site())
              .orElseThrow(() -> InvalidInputException.of("site", "unknown_site"));
    } catch (DomainException refused) {
      boolean unknownSite =
          refused instanceof InvalidInputException invalid
              && invalid.fields().stream().anyMatch(f -> f.code().equals("unknown_site"));
      exclude(
          siteOfOrigin(request.origin()), unknownSite ? Exclusion.UNKNOWN_SITE : Exclusion.INVALID);
      throw refused;
    }
    if (!site.origin().equals(request.origin())) {
      exclude(Optional.of(site), Exclusion.WRONG_ORIGIN);
      throw new ForbiddenException("this origin may not send beacons for site " + site.id());
    }
    if (beacon.device().isPresent() && site.mode() != VisitorMode.RETURNING) {
      exclude(Optional.of(site), Exclusion.INVALID);
      throw InvalidInputException.of("device", "not_allowed_in_anonymous_mode");
    }
    // Accepted (2xx) but not a page view: the exclusion is stored before the answer, like a count.
    if (BotDetector.isPrefetch(request.secPurpose(), request.purpose())) {
      countExclusion(Optional.of(site), Exclusion.PREFETCH);
      return Outcome.EXCLUDED_PREFETCH;
    }
    if (BotDetector.isAutomated(request.userAgent())) {
      countExclusion(Optional.of(site), Exclusion.BOT);
      return Outcome.EXCLUDED_BOT;
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    Geography geography = Geography.from(request.viewerCountry(), request.viewerRegion());
    CampaignTags.Tag tag =
        beacon.newVisit() && beacon.campaign().isPresent()
            ? campaigns.tag(beacon.campaign().get())
            : null;
    boolean unknownTag = tag != null && tag.campaign() == null && !tag.unavailable();
    Map<String, Long> increments =
        TrafficCounters.increments(
            beacon, geography, site.sections().sectionOf(beacon.path()), now.getHour());
    if (unknownTag) {
      increments.put(TrafficCounters.excluded(Exclusion.UNKNOWN_CAMPAIGN), 1L);
    }
    counters.add(CounterKey.of(TrafficCounters.FAMILY, site, now.toLocalDate()), increments);
    if (tag == null || unknownTag) {
      return Outcome.COUNTED;
    }
    if (tag.campaign() == null) {
      // The campaigns could not be read: an id that cannot be checked is never kept.
      return Outcome.COUNTED_TAGGED_VISIT_LOST;
    }
    return countLandingVisit(tag.campaign(), site, now);
  }

  /**
   * Counts a visit tagged with a configured campaign for the landing confirmation. Best effort and
   * after the page view: the beacon is acknowledged once its page view is stored, and a retry after
   * a failure here would count the page view twice; a lost tagged visit only lowers the
   * confirmation rate.
   */
  private Outcome countLandingVisit(CounterSubject campaign, Site site, ZonedDateTime now) {
    try {
      counters.add(
          CounterKey.of(LandingCounters.FAMILY, campaign, now.toLocalDate()),
          LandingCounters.visit(site.id()));
      return Outcome.COUNTED;
    } catch (StorageUnavailableException lost) {
      return Outcome.COUNTED_TAGGED_VISIT_LOST;
    }
  }

  private static Beacon validBeacon(BeaconRequest request) {
    if (request.body().length > MAX_BODY_BYTES) {
      throw new PayloadTooLargeException("a beacon is at most " + MAX_BODY_BYTES + " bytes");
    }
    if (!acceptedMediaType(request.contentType())) {
      throw new UnsupportedMediaTypeException("send application/json or text/plain");
    }
    return Beacon.read(request.body());
  }

  /**
   * Counts an exclusion where it belongs. Best effort: the answer to a refused beacon does not
   * depend on storage, and a lost exclusion count only makes the excluded figures lower.
   */
  private void exclude(Optional<Site> site, Exclusion reason) {
    try {
      countExclusion(site, reason);
    } catch (StorageUnavailableException lost) {
      // The refusal stands on its own.
    }
  }

  private void countExclusion(Optional<Site> site, Exclusion reason) {
    LocalDate today = ZonedDateTime.now(clock.withZone(zone)).toLocalDate();
    counters.add(
        site.map(known -> CounterKey.of(TrafficCounters.FAMILY, known, today))
            .orElse(
                CounterKey.unattributed(
                    TrafficCounters.FAMILY, TrafficCounters.UNATTRIBUTED, today)),
        Map.of(TrafficCounters.excluded(reason), 1L));
  }

  private Optional<Site> siteOfOrigin(String origin) {
    return sites.all().stream().filter(site -> site.origin().equals(origin)).findFirst();
  }

  private static boolean acceptedMediaType(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("text/plain");
  }
}
