package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.NotFoundException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffRoutesTest {
  private static final StaffRoutes ROUTES =
      StaffRoutes.of(
          Map.of(
              "GET /v1/vocabulary",
              new StaffRoutes.Route(Set.of("responder", "analyst"), r -> ApiResponse.noContent())));

  private static ApiRequest request(String event, String groups) {
    return ApiRequest.from(RegistrationRoutesTest.as(event, groups));
  }

  @Test
  void answer_looksUpChecksGroupsAndCalls() {
    assertThat(ROUTES.answer(request("vocabulary-get.json", "[analyst]")).statusCode())
        .isEqualTo(204);
  }

  @Test
  void answer_forACallerInNoneOfTheRoutesGroups_is403NamingThem() {
    assertThatThrownBy(() -> ROUTES.answer(request("vocabulary-get.json", "[centre]")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("this route is for analyst or responder");
  }

  @Test
  void answer_forARouteTheTableDoesNotHold_is404() {
    assertThatThrownBy(() -> ROUTES.answer(request("registration-post.json", "[responder]")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void of_refusesTwoAnswersForOneRoute() {
    StaffRoutes.Route route = new StaffRoutes.Route(Set.of("coordinator"), r -> null);
    assertThatThrownBy(
            () ->
                StaffRoutes.of(
                    Map.of("GET /v1/campaigns", route), Map.of("GET /v1/campaigns", route)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRegistrationFunctionsTable_holdsEveryStaffRouteOnce() {
    RegistrationHandler handler =
        new RegistrationHandler(
            new be.helpline.insights.testing.InMemoryCampaignStore(),
            be.helpline.insights.core.campaign.LandingHosts.fromConfig("x.example"),
            RegistrationRoutesTest.routes(
                new be.helpline.insights.testing.InMemoryRegistrationStore()),
            null);
    assertThat(handler.routeKeys())
        .containsExactlyInAnyOrder(
            "GET /v1/vocabulary",
            "POST /v1/registrations",
            "GET /v1/registrations/{id}",
            "PUT /v1/registrations/{id}",
            "DELETE /v1/registrations/{id}",
            "PUT /v1/referrals/{code}/outcome",
            "PUT /v1/campaigns/{id}",
            "GET /v1/campaigns",
            "PUT /v1/campaigns/{id}/impressions");
  }
}
