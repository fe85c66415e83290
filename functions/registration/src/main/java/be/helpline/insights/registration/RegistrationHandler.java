package be.helpline.insights.registration;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.aws.http.HttpHandler;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbHttp;
import be.helpline.insights.aws.storage.DynamoDbHttp.Retries;
import be.helpline.insights.aws.storage.DynamoDbRegistrationStore;
import be.helpline.insights.aws.storage.KmsReferralCodeSeal;
import be.helpline.insights.aws.storage.ReferralCodeMigration;
import be.helpline.insights.core.campaign.CampaignAdmin;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ImpressionImport;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.registration.ReferralCode;
import be.helpline.insights.core.registration.ReferralCodeSeal;
import be.helpline.insights.core.registration.Registrations;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The staff routes: the vocabulary, registrations and referral outcomes ({@link
 * RegistrationRoutes}), campaign configuration ({@code PUT /v1/campaigns/{id}}), impression imports
 * ({@code PUT /v1/campaigns/{id}/impressions}) and the campaign list ({@code GET /v1/campaigns}).
 * API Gateway has checked the token (401); {@link StaffRoutes}, the one table of every route built
 * here, checks the groups each route allows (403) and answers 404 for any other.
 */
public final class RegistrationHandler extends HttpHandler {
  private static final Set<String> COORDINATOR = Set.of("coordinator");
  private static final Set<String> CAMPAIGN_READERS = Set.of("coordinator", "analyst");

  private final StaffRoutes routes;
  private final ReferralCodeMigration migration;
  private Runnable rehearsal = () -> {};

  /** Lambda's entry: primed before a SnapStart snapshot. */
  public RegistrationHandler() {
    this(System.getenv(), Clock.systemUTC());
    primeBeforeSnapshot();
  }

  /**
   * The composition root the local runner and the tests call: the environment and the clock to use.
   */
  public RegistrationHandler(Map<String, String> env, Clock clock) {
    this(RegistrationConfig.from(env), clock);
  }

  private RegistrationHandler(RegistrationConfig config, Clock clock) {
    this(
        config, new DynamoDbHttp(config.aws(), AwsClients.Budget.REQUEST, Retries.STANDARD), clock);
  }

  private RegistrationHandler(RegistrationConfig config, DynamoDbHttp dynamoDb, Clock clock) {
    this(
        config,
        dynamoDb,
        clock,
        new KmsReferralCodeSeal(
            AwsClients.http(AwsClients.Budget.REQUEST), config.aws(), config.referralCodeKey()),
        Vocabulary.standard());
    rehearsal = () -> rehearseReading(config);
  }

  /**
   * Requests that read and never write: a responder's read of a registration nobody made (a
   * GetItem, answered 404) and a whole registration dated the day before the programme began, read
   * and validated field by field and refused (400) before anything is stored.
   */
  private void rehearseReading(RegistrationConfig config) {
    Map<String, String> responder = Map.of("cognito:groups", "[responder]", "sub", "priming");
    String id = UUID.randomUUID().toString();
    rehearse(
        event(
            "GET",
            "GET /v1/registrations/{id}",
            "/v1/registrations/" + id,
            Map.of(),
            Map.of("id", id),
            responder,
            null));
    String beforeTheProgramme = config.programmeStart().minusDays(1).toString();
    rehearse(
        event(
            "POST",
            "POST /v1/registrations",
            "/v1/registrations",
            Map.of("content-type", "application/json"),
            Map.of(),
            responder,
            ("{\"id\":\"%s\",\"contactDate\":\"%s\",\"channel\":\"PHONE\","
                    + "\"callerGroup\":\"SELF\",\"selfConcern\":[\"FEELINGS\"],"
                    + "\"topics\":[\"ATTRACTION\"],\"pastOffences\":\"NO\","
                    + "\"justiceHistory\":[],\"risk\":\"NONE\",\"support\":[\"INFORMATION\"],"
                    + "\"gender\":\"UNKNOWN\",\"ageBand\":\"UNKNOWN\",\"howHeard\":\"SEARCH\","
                    + "\"firstContact\":\"YES\"}")
                .formatted(id, beforeTheProgramme)));
  }

  @Override
  protected void prime() {
    rehearsal.run();
  }

  private RegistrationHandler(
      RegistrationConfig config,
      DynamoDbHttp dynamoDb,
      Clock clock,
      ReferralCodeSeal seal,
      Vocabulary vocabulary) {
    this(
        new DynamoDbCampaignStore(dynamoDb, config.campaignsTable()),
        config.landingHosts(),
        new RegistrationRoutes(
            new Registrations(
                new DynamoDbRegistrationStore(
                    dynamoDb, config.registrationsTable(), config.retentionDays(), seal),
                vocabulary,
                ReferralCode.secure(),
                clock,
                config.zone(),
                config.programmeStart(),
                config.calendar()),
            vocabulary),
        new ReferralCodeMigration(
            dynamoDb, config.registrationsTable(), config.retentionDays(), seal));
  }

  RegistrationHandler(
      CampaignStore campaignStore,
      LandingHosts landingHosts,
      RegistrationRoutes registrations,
      ReferralCodeMigration migration) {
    this.routes =
        StaffRoutes.of(
            registrations.routes(),
            campaignRoutes(
                new CampaignAdmin(campaignStore, landingHosts),
                new ImpressionImport(campaignStore)));
    this.migration = migration;
  }

  /**
   * {@code {"operation": "migrateReferralCodes"}}: seals the codes registrations written before
   * codes were sealed still hold in the clear, and dates their referral items by month ({@link
   * ReferralCodeMigration}; idempotent). Answers what it did, in counts.
   */
  @Override
  protected JsonNode operate(String operation, StructuredLog log) {
    if (!operation.equals("migrateReferralCodes")) {
      return super.operate(operation, log);
    }
    ReferralCodeMigration.Result result = migration.run();
    log.info(
        "referral_codes_migrated",
        "referralsDated",
        result.referralsDated(),
        "referralsUndated",
        result.referralsUndated(),
        "registrationsSealed",
        result.registrationsSealed(),
        "changedMeanwhile",
        result.changedMeanwhile());
    return Json.mapper().valueToTree(result);
  }

  @Override
  protected ApiResponse handle(ApiRequest request, StructuredLog log) {
    return routes.answer(request);
  }

  /** The route keys this function answers. */
  java.util.Set<String> routeKeys() {
    return routes.keys();
  }

  /** The campaign routes: key → groups → answer. */
  private static Map<String, StaffRoutes.Route> campaignRoutes(
      CampaignAdmin campaigns, ImpressionImport impressions) {
    return Map.of(
        "PUT /v1/campaigns/{id}",
        new StaffRoutes.Route(
            COORDINATOR,
            request ->
                ApiResponse.json(
                    200,
                    CampaignJson.of(
                        campaigns.configure(
                            request.pathParameter("id"),
                            request.header("content-type").orElse(""),
                            request.body())))),
        "PUT /v1/campaigns/{id}/impressions",
        new StaffRoutes.Route(
            COORDINATOR,
            request ->
                ApiResponse.json(
                    200,
                    impressions.importReport(
                        request.pathParameter("id"),
                        request.header("content-type").orElse(""),
                        request.queryParameters().get("reach"),
                        request.body()))),
        "GET /v1/campaigns",
        new StaffRoutes.Route(
            CAMPAIGN_READERS,
            request -> ApiResponse.json(200, CampaignJson.list(campaigns.list()))));
  }
}
