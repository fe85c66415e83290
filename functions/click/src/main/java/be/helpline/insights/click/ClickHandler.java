package be.helpline.insights.click;

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
import be.helpline.insights.core.campaign.ClickRedirect;
import be.helpline.insights.core.campaign.ClickRequest;
import be.helpline.insights.core.counter.DailyCounterStore;
import be.helpline.insights.core.counter.RehearsalCounterStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code GET}/{@code HEAD /c/{campaignId}/{creativeId}}: the banner redirect. Always a 302 to a
 * configured URL, whatever storage does; a count lost to storage is logged and counted as the
 * {@code ClickCountLost} metric.
 */
public final class ClickHandler extends HttpHandler {
  static final Duration CAMPAIGN_CACHE = Duration.ofSeconds(60);

  private final ClickRedirect redirect;
  private final Clock clock;

  private Runnable rehearsal = () -> {};

  /** Lambda's entry: primed before a SnapStart snapshot. */
  public ClickHandler() {
    this(System.getenv(), Clock.systemUTC());
    primeBeforeSnapshot();
  }

  /** The composition root: builds the function's collaborators once, at init. */
  public ClickHandler(Map<String, String> env, Clock clock) {
    this(ClickConfig.from(env), clock);
  }

  private ClickHandler(ClickConfig config, Clock clock) {
    // One client for both tables: it gives up within the redirect's budget and retries only
    // throttling, which suits the counter increments and costs the campaign reads little.
    this(
        config,
        clock,
        new DynamoDbHttp(config.aws(), AwsClients.Budget.REDIRECT, Retries.ONLY_THROTTLING));
  }

  private ClickHandler(ClickConfig config, Clock clock, DynamoDbHttp dynamoDb) {
    this(compose(config, clock, dynamoDb, counters -> counters), clock);
    // A banner click of a campaign nobody configured, on the same client, with counters that read
    // instead of adding: the campaign read, the redirect and the exclusion's storage path.
    rehearsal =
        () ->
            new ClickHandler(compose(config, clock, dynamoDb, RehearsalCounterStore::new), clock)
                .rehearse(
                    event(
                        "GET",
                        "GET /c/{campaignId}/{creativeId}",
                        "/c/priming/c1",
                        Map.of(
                            "user-agent",
                            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101"
                                + " Firefox/128.0"),
                        Map.of("campaignId", "priming", "creativeId", "c1"),
                        Map.of(),
                        null));
  }

  ClickHandler(ClickRedirect redirect, Clock clock) {
    this.redirect = redirect;
    this.clock = clock;
  }

  private static ClickRedirect compose(
      ClickConfig config,
      Clock clock,
      DynamoDbHttp dynamoDb,
      UnaryOperator<DailyCounterStore> counters) {
    return new ClickRedirect(
        new CampaignCache(
            new DynamoDbCampaignStore(dynamoDb, config.campaignsTable()), clock, CAMPAIGN_CACHE),
        counters.apply(
            new DynamoDbDailyCounterStore(
                dynamoDb, config.countersTable(), config.shards(), config.retentionDays())),
        config.landingHosts(),
        config.defaultLandingUrl(),
        clock,
        config.zone());
  }

  @Override
  protected void prime() {
    rehearsal.run();
  }

  @Override
  protected ApiResponse handle(ApiRequest request, StructuredLog log) {
    ClickRedirect.Outcome outcome =
        redirect.redirect(
            new ClickRequest(
                request.pathParameter("campaignId"),
                request.pathParameter("creativeId"),
                "HEAD".equals(request.method()),
                request.header("user-agent").orElse(""),
                request.header("sec-purpose").orElse(""),
                request.header("purpose").orElse("")));
    outcome
        .lostCount()
        .ifPresent(
            loss -> {
              Throwable cause = loss.getCause() == null ? loss : loss.getCause();
              log.warn("click_count_lost", "errorType", cause.getClass().getName());
              log.metric(lostCountMetric());
            });
    return ApiResponse.redirect(outcome.location());
  }

  private Map<String, Object> lostCountMetric() {
    return StructuredLog.count(clock.millis(), "click", "ClickCountLost", 1);
  }
}
