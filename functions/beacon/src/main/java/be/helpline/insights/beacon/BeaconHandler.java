package be.helpline.insights.beacon;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbDailyCounterStore;
import be.helpline.insights.aws.storage.DynamoDbHttp;
import be.helpline.insights.aws.storage.DynamoDbHttp.Retries;
import be.helpline.insights.core.campaign.CampaignCache;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.RehearsalCounterStore;
import be.helpline.insights.core.site.Site;
import be.helpline.insights.core.traffic.BeaconIntake;
import be.helpline.insights.core.traffic.BeaconRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code POST /v1/beacons}: counts a visit beacon; 204 only once it is stored. */
public final class BeaconHandler extends HttpHandler {
  /** How long a campaign (or the absence of one) is trusted before it is read again. */
  static final Duration CAMPAIGN_CACHE = Duration.ofSeconds(60);

  private final BeaconIntake intake;
  private final byte[] originSecret;
  private Runnable rehearsal = () -> {};

  /** Lambda's entry: primed before a SnapStart snapshot. */
  public BeaconHandler() {
    this(System.getenv(), Clock.systemUTC());
    primeBeforeSnapshot();
  }

  /** The composition root: builds the function's collaborators once, at init. */
  public BeaconHandler(Map<String, String> env, Clock clock) {
    this(BeaconConfig.from(env), clock);
  }

  private BeaconHandler(BeaconConfig config, Clock clock) {
    this(
        config,
        clock,
        new DynamoDbHttp(config.aws(), AwsClients.Budget.REQUEST, Retries.ONLY_THROTTLING));
  }

  private BeaconHandler(BeaconConfig config, Clock clock, DynamoDbHttp dynamoDb) {
    this(compose(config, clock, dynamoDb, counters -> counters), config.originSecret());
    // The same path on the same client, with counters that read instead of adding.
    rehearsal =
        () ->
            new BeaconHandler(
                    compose(config, clock, dynamoDb, RehearsalCounterStore::new),
                    config.originSecret())
                .rehearse(pageView(config));
  }

  /**
   * @param originSecret the value CloudFront sends as {@code X-Origin-Verify} (ORIGIN_SECRET);
   *     empty: geography is never trusted
   */
  BeaconHandler(BeaconIntake intake, String originSecret) {
    this.intake = intake;
    this.originSecret = originSecret.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One client for both tables: campaign reads are rare (a new visit with a campaign tag) and
   * cached for a minute. {@code counters} wraps the counter store (a rehearsal's reads instead).
   */
  private static BeaconIntake compose(
      BeaconConfig config,
      Clock clock,
      DynamoDbHttp dynamoDb,
      UnaryOperator<DailyCounterStore> counters) {
    return new BeaconIntake(
        config.sites(),
        new CampaignCache(
            new DynamoDbCampaignStore(dynamoDb, config.campaignsTable()), clock, CAMPAIGN_CACHE),
        counters.apply(
            new DynamoDbDailyCounterStore(
                dynamoDb, config.countersTable(), config.shards(), config.retentionDays())),
        clock,
        config.zone());
  }

  /**
   * A page view of the first configured site's home page from its own origin, as a browser sends
   * it.
   */
  private static byte[] pageView(BeaconConfig config) {
    Site site = config.sites().all().getFirst();
    return event(
        "POST",
        "POST /v1/beacons",
        "/v1/beacons",
        Map.of(
            "origin", site.origin(),
            "content-type", "text/plain;charset=UTF-8",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
        Map.of(),
        Map.of(),
        "{\"site\":\"" + site.id() + "\",\"path\":\"/\",\"source\":\"direct\",\"newVisit\":true}");
  }

  @Override
  protected void prime() {
    rehearsal.run();
  }

  /**
   * Whether the request came through the public distribution: only CloudFront knows the secret, so
   * only then are its viewer-country headers CloudFront's and not the sender's (compared in
   * constant time).
   */
  private boolean fromTheEdge(ApiRequest request) {
    return originSecret.length > 0
        && MessageDigest.isEqual(
            originSecret,
            request.header("x-origin-verify").orElse("").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected ApiResponse handle(ApiRequest request, StructuredLog log) {
    boolean edge = fromTheEdge(request);
    BeaconIntake.Outcome outcome =
        intake.record(
            new BeaconRequest(
                request.header("origin").orElse(""),
                request.header("content-type").orElse(""),
                request.header("user-agent").orElse(""),
                request.header("sec-purpose").orElse(""),
                request.header("purpose").orElse(""),
                edge ? request.header("cloudfront-viewer-country").orElse("") : "",
                edge ? request.header("cloudfront-viewer-country-region").orElse("") : "",
                request.body()));
    if (outcome == BeaconIntake.Outcome.COUNTED_TAGGED_VISIT_LOST) {
      log.warn("tagged_visit_count_lost");
    }
    return ApiResponse.noContent();
  }
}
