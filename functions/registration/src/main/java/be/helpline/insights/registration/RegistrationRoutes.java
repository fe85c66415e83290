package be.helpline.insights.registration;

import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.core.registration.Registrations;
import be.helpline.insights.core.registration.StoredRegistration;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary, registration and referral routes of the staff function, with the groups each
 * allows ({@link StaffRoutes} checks them: 403, whatever the authorizer let through). Nothing here
 * logs a registration's id, code or content: a log line's timestamp would date it to the second.
 */
final class RegistrationRoutes {
  private static final Set<String> STAFF = Set.of("responder", "coordinator", "centre", "analyst");
  private static final Set<String> REGISTRARS = Set.of("responder", "coordinator");
  private static final Set<String> COORDINATOR = Set.of("coordinator");
  private static final Set<String> OUTCOME_REPORTERS = Set.of("centre", "coordinator");

  private final Registrations registrations;
  private final Vocabulary vocabulary;

  RegistrationRoutes(Registrations registrations, Vocabulary vocabulary) {
    this.registrations = registrations;
    this.vocabulary = vocabulary;
  }

  /** What a write answers; {@code referralCode} only with a live referral. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(String id, int version, String referralCode) {}

  /** {@code GET /v1/registrations/{id}}: the content as a PUT takes it, beside its version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String id, int version, String referralCode, JsonNode registration) {}

  /** The table of these routes: key → groups → answer. */
  Map<String, StaffRoutes.Route> routes() {
    return Map.of(
        "GET /v1/vocabulary",
        new StaffRoutes.Route(STAFF, request -> ApiResponse.json(200, vocabulary.document())),
        "POST /v1/registrations",
        new StaffRoutes.Route(REGISTRARS, this::register),
        "GET /v1/registrations/{id}",
        new StaffRoutes.Route(REGISTRARS, this::view),
        "PUT /v1/registrations/{id}",
        new StaffRoutes.Route(REGISTRARS, this::amend),
        "DELETE /v1/registrations/{id}",
        new StaffRoutes.Route(COORDINATOR, this::voidRegistration),
        "PUT /v1/referrals/{code}/outcome",
        new StaffRoutes.Route(OUTCOME_REPORTERS, this::recordOutcome));
  }

  private ApiResponse register(ApiRequest request) {
    Registrations.Answer answer = registrations.register(contentType(request), request.body());
    ApiResponse response =
        ApiResponse.json(answer.created() ? 201 : 200, answer(answer))
            .withHeader("location", "/v1/registrations/" + answer.id());
    // A retry's answer is the first one, while the registration may have been amended since.
    return answer.created() ? response.withHeader("etag", etag(answer.version())) : response;
  }

  private ApiResponse view(ApiRequest request) {
    StoredRegistration stored = registrations.get(request.pathParameter("id"));
    return ApiResponse.json(
            200,
            new View(
                stored.id(),
                stored.version(),
                stored.referralCode(),
                stored.registration().canonicalJson()))
        .withHeader("etag", etag(stored.version()));
  }

  private ApiResponse amend(ApiRequest request) {
    Registrations.Answer answer =
        registrations.amend(
            request.pathParameter("id"),
            request.header("if-match"),
            contentType(request),
            request.body());
    return ApiResponse.json(200, answer(answer)).withHeader("etag", etag(answer.version()));
  }

  private ApiResponse voidRegistration(ApiRequest request) {
    registrations.voidRegistration(request.pathParameter("id"));
    return ApiResponse.noContent();
  }

  private ApiResponse recordOutcome(ApiRequest request) {
    registrations.recordOutcome(
        request.pathParameter("code"), contentType(request), request.body());
    return ApiResponse.noContent();
  }

  private static Answer answer(Registrations.Answer answer) {
    return new Answer(answer.id(), answer.version(), answer.referralCode());
  }

  private static String etag(int version) {
    return "\"" + version + "\"";
  }

  private static String contentType(ApiRequest request) {
    return request.header("content-type").orElse("");
  }
}
