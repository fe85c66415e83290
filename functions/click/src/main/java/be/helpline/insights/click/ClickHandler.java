package be.helpline.insights.click;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbDailyCounterStore;
import be.helpline.insights.core.campaign.CampaignCache;
import be.helpline.insights.core.campaign.ClickRedirect;
import be.helpline.insights.core.campaign.ClickRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET}/{@code HEAD /c/{campaignId}/{creativeId}}: the banner redirect. Always a 302 to a
 * configured URL, whatever storage does; a count lost to storage is logged and counted as the
 * {@code ClickCountLost} metric.
 */
public final class ClickHandler extends HttpHandler {
  static final Duration CAMPAIGN_CACHE = Duration.ofSeconds(60);

  private final ClickRedirect redirect;
  private final Clock clock;

  public ClickHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** The composition root: builds the function's collaborators once, at init. */
  public ClickHandler(Map<String, String> env, Clock clock) {
    this(compose(ClickConfig.from(env), clock), clock);
  }

  ClickHandler(ClickRedirect redirect, Clock clock) {
    this.redirect = redirect;
    this.clock = clock;
  }

  private static ClickRedirect compose(ClickConfig config, Clock clock) {
    // One client for both tables: it gives up within the redirect's budget and retries only
    // throttling, which suits the counter increments and costs the campaign reads little.
    DynamoDbClient dynamoDb =
        AwsClients.dynamoDbForIncrements(config.aws(), AwsClients.Budget.REDIRECT);
    return new ClickRedirect(
        new CampaignCache(
            new DynamoDbCampaignStore(dynamoDb, config.campaignsTable()), clock, CAMPAIGN_CACHE),
        new DynamoDbDailyCounterStore(
            dynamoDb, config.countersTable(), config.shards(), config.retentionDays()),
        config.landingHosts(),
        config.defaultLandingUrl(),
        clock,
        config.zone());
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
