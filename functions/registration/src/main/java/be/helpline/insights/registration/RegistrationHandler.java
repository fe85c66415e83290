package be.helpline.insights.registration;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.core.campaign.CampaignAdmin;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ImpressionImport;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.NotImplementedException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The staff routes. Built so far: campaign configuration ({@code PUT /v1/campaigns/{id}}), the
 * campaign list ({@code GET /v1/campaigns}) and impression imports ({@code PUT
 * /v1/campaigns/{id}/impressions}); the other routes answer 501 until their issues land. API
 * Gateway has checked the token (401); the groups each route allows are checked here (403).
 */
public final class RegistrationHandler extends HttpHandler {
  private static final Set<String> COORDINATOR = Set.of("coordinator");
  private static final Set<String> CAMPAIGN_READERS = Set.of("coordinator", "analyst");

  private final CampaignAdmin campaigns;
  private final ImpressionImport impressions;

  public RegistrationHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  /**
   * The composition root the local runner and the tests call: the environment and the clock to use.
   */
  public RegistrationHandler(Map<String, String> env, Clock clock) {
    this(RegistrationConfig.from(env));
  }

  RegistrationHandler(CampaignStore campaignStore, LandingHosts landingHosts) {
    this.campaigns = new CampaignAdmin(campaignStore, landingHosts);
    this.impressions = new ImpressionImport(campaignStore);
  }

  private RegistrationHandler(RegistrationConfig config) {
    this(
        new DynamoDbCampaignStore(
            AwsClients.dynamoDb(config.aws(), AwsClients.Budget.REQUEST), config.campaignsTable()),
        config.landingHosts());
  }

  @Override
  protected ApiResponse handle(ApiRequest request, StructuredLog log) {
    return switch (request.routeKey()) {
      case "PUT /v1/campaigns/{id}" -> {
        requireGroup(request, COORDINATOR);
        yield ApiResponse.json(
            200,
            CampaignJson.of(
                campaigns.configure(
                    request.pathParameter("id"),
                    request.header("content-type").orElse(""),
                    request.body())));
      }
      case "PUT /v1/campaigns/{id}/impressions" -> {
        requireGroup(request, COORDINATOR);
        yield ApiResponse.json(
            200,
            impressions.importReport(
                request.pathParameter("id"),
                request.header("content-type").orElse(""),
                request.queryParameters().get("reach"),
                request.body()));
      }
      case "GET /v1/campaigns" -> {
        requireGroup(request, CAMPAIGN_READERS);
        yield ApiResponse.json(200, CampaignJson.list(campaigns.list()));
      }
      default -> throw new NotImplementedException(request.routeKey() + " is not built yet");
    };
  }

  private static void requireGroup(ApiRequest request, Set<String> allowed) {
    if (Collections.disjoint(request.groups(), allowed)) {
      throw new ForbiddenException(
          "this route is for " + String.join(" or ", allowed.stream().sorted().toList()));
    }
  }
}
