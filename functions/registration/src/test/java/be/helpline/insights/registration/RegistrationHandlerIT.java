package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staff function's campaign routes against the emulator over HTTP, with real events. */
class RegistrationHandlerIT {
  private final Emulator emulator = Emulator.moto();
  private String campaigns;
  private RegistrationHandler handler;

  @BeforeEach
  void setUp() {
    campaigns = emulator.newTable("campaigns");
    handler =
        new RegistrationHandler(
            emulator.env(
                Map.of(
                    "CAMPAIGNS_TABLE", campaigns,
                    "REGISTRATIONS_TABLE", emulator.newTable("registrations"),
                    "LANDING_HOSTS", "stopitnow.example,selfhelp.example",
                    "PROGRAMME_START", "2018-12-01",
                    "REPORTING_TIME_ZONE", "Europe/Brussels",
                    "RETENTION_DAYS", "3650",
                    "REFERRAL_CODE_KEY", emulator.newKey())),
            Clock.systemUTC());
  }

  private JsonNode invoke(JsonNode event) throws Exception {
    return Events.invoke(handler, event, new TestContext());
  }

  @Test
  void putCampaign_isStoredAndListed() throws Exception {
    JsonNode put = invoke(Events.load("campaign-put.json"));
    assertThat(put.path("statusCode").asInt()).isEqualTo(200);

    var item = emulator.dynamoDb().scan(scan -> scan.tableName(campaigns)).items().getFirst();
    assertThat(item.get("pk").s()).isEqualTo("campaign#spring20");
    assertThat(item.get("landingUrl").s()).isEqualTo("https://stopitnow.example/");

    ObjectNode list = Events.load("campaign-put.json");
    list.put("routeKey", "GET /v1/campaigns");
    list.remove("body");
    list.remove("pathParameters");
    JsonNode listed = invoke(list);
    JsonNode body = Json.mapper().readTree(listed.path("body").asText());
    assertThat(listed.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body.path("campaigns").get(0))
        .isEqualTo(Json.mapper().readTree(put.path("body").asText()));
  }

  @Test
  void migrateReferralCodes_asADirectInvocation_answersWhatItDid_andAnHttpEventCannotAskForIt()
      throws Exception {
    JsonNode migrated = invoke(Json.mapper().readTree("{\"operation\": \"migrateReferralCodes\"}"));
    assertThat(migrated)
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"referralsDated\":0,\"referralsUndated\":0,\"registrationsSealed\":0,"
                        + "\"changedMeanwhile\":0}"));

    // An HTTP API event always has a routeKey: a body or field named operation changes nothing.
    ObjectNode http = Events.load("campaign-put.json");
    http.put("operation", "migrateReferralCodes");
    assertThat(invoke(http).path("statusCode").asInt()).isEqualTo(200);
  }
}
