package be.helpline.insights.core.traffic;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.site.SiteRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Use case: count one visit beacon. Checks size, media type, body and origin, then adds the page
 * view to its site's counters for the current hour of the reporting day. Nothing about the request
 * is kept but those counts: no IP, User-Agent, referrer, path or query string.
 */
public final class BeaconIntake {
  public static final int MAX_BODY_BYTES = 4096;

  private final SiteRegistry sites;
  private final DailyCounterStore counters;
  private final Clock clock;
  private final ZoneId zone;

  public BeaconIntake(SiteRegistry sites, DailyCounterStore counters, Clock clock, ZoneId zone) {
    this.sites = sites;
    this.counters = counters;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Counts the beacon or throws: 413 too large, 415 wrong media type, 400 invalid, 403 wrong
   * origin.
   *
   * @param origin the request's Origin header, or empty
   * @param contentType the request's Content-Type header, or empty
   */
  public void record(String origin, String contentType, byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new PayloadTooLargeException("a beacon is at most " + MAX_BODY_BYTES + " bytes");
    }
    if (!acceptedMediaType(contentType)) {
      throw new UnsupportedMediaTypeException("send application/json or text/plain");
    }
    Beacon beacon = Beacon.from(parse(body));
    Site site =
        sites
            .find(beacon.site())
            .orElseThrow(() -> InvalidInputException.of("site", "unknown_site"));
    if (!site.origin().equals(origin)) {
      throw new ForbiddenException("this origin may not send beacons for site " + site.id());
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    counters.add(
        new CounterKey(TrafficCounters.FAMILY, site.id(), now.toLocalDate()),
        TrafficCounters.increments(beacon, now.getHour()));
  }

  private static boolean acceptedMediaType(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("text/plain");
  }

  private static JsonNode parse(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw InvalidInputException.of("body", "not_json");
    }
  }
}
