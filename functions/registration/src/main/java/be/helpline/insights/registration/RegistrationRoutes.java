package be.helpline.insights.registration;

import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.registration.Registrations;
import be.helpline.insights.core.registration.StoredRegistration;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Set;

/**
 * The vocabulary, registration and referral routes of the staff function. Each route checks the
 * caller's groups itself (403), whatever the authorizer let through. Nothing here logs a
 * registration's id, code or content: a log line's timestamp would date it to the second.
 */
final class RegistrationRoutes {
  static final Set<String> ROUTES =
      Set.of(
          "GET /v1/vocabulary",
          "POST /v1/registrations",
          "GET /v1/registrations/{id}",
          "PUT /v1/registrations/{id}",
          "DELETE /v1/registrations/{id}",
          "PUT /v1/referrals/{code}/outcome");

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

  ApiResponse handle(ApiRequest request) {
    return switch (request.routeKey()) {
      case "GET /v1/vocabulary" -> {
        requireGroup(request, STAFF);
        yield ApiResponse.json(200, vocabulary.document());
      }
      case "POST /v1/registrations" -> {
        requireGroup(request, REGISTRARS);
        Registrations.Answer answer = registrations.register(contentType(request), request.body());
        ApiResponse response =
            ApiResponse.json(answer.created() ? 201 : 200, answer(answer))
                .withHeader("location", "/v1/registrations/" + answer.id());
        // A retry's answer is the first one, while the registration may have been amended since.
        yield answer.created() ? response.withHeader("etag", etag(answer.version())) : response;
      }
      case "GET /v1/registrations/{id}" -> {
        requireGroup(request, REGISTRARS);
        StoredRegistration stored = registrations.get(request.pathParameter("id"));
        yield ApiResponse.json(
                200,
                new View(
                    stored.id(),
                    stored.version(),
                    stored.referralCode(),
                    stored.registration().canonicalJson()))
            .withHeader("etag", etag(stored.version()));
      }
      case "PUT /v1/registrations/{id}" -> {
        requireGroup(request, REGISTRARS);
        Registrations.Answer answer =
            registrations.amend(
                request.pathParameter("id"),
                request.header("if-match"),
                contentType(request),
                request.body());
        yield ApiResponse.json(200, answer(answer)).withHeader("etag", etag(answer.version()));
      }
      case "DELETE /v1/registrations/{id}" -> {
        requireGroup(request, COORDINATOR);
        registrations.voidRegistration(request.pathParameter("id"));
        yield ApiResponse.noContent();
      }
      case "PUT /v1/referrals/{code}/outcome" -> {
        requireGroup(request, OUTCOME_REPORTERS);
        registrations.recordOutcome(
            request.pathParameter("code"), contentType(request), request.body());
        yield ApiResponse.noContent();
      }
      default -> throw new IllegalArgumentException("not a registration route");
    };
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

  static void requireGroup(ApiRequest request, Set<String> allowed) {
    if (Collections.disjoint(request.groups(), allowed)) {
      throw new ForbiddenException(
          "this route is for " + String.join(" or ", allowed.stream().sorted().toList()));
    }
  }
}
