package be.helpline.insights.aws.http;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.error.ConflictException;
import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.NotImplementedException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.error.PreconditionRequiredException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorResponsesTest {

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of(InvalidInputException.of("site", "required"), 400, "invalid_input"),
        Arguments.of(new ForbiddenException("no"), 403, "forbidden"),
        Arguments.of(new NotFoundException("no"), 404, "not_found"),
        Arguments.of(
            new ConflictException("idempotency_conflict", "no"), 409, "idempotency_conflict"),
        Arguments.of(new PreconditionFailedException("no"), 412, "precondition_failed"),
        Arguments.of(new PreconditionRequiredException("no"), 428, "precondition_required"),
        Arguments.of(new PayloadTooLargeException("no"), 413, "payload_too_large"),
        Arguments.of(new UnsupportedMediaTypeException("no"), 415, "unsupported_media_type"),
        Arguments.of(new NotImplementedException("no"), 501, "not_implemented"),
        Arguments.of(new StorageUnavailableException("no", null), 503, "storage_unavailable"));
  }

  @ParameterizedTest
  @MethodSource("rules")
  void of_mapsEachDomainErrorToItsStatusAndCode(DomainException error, int status, String code)
      throws Exception {
    ApiResponse response = ErrorResponses.of(error);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers()).containsEntry("content-type", "application/json");
    assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo(code);
  }

  @Test
  void of_validationError_namesEachField() throws Exception {
    ApiResponse response =
        ErrorResponses.of(
            new InvalidInputException(
                "bad",
                List.of(new FieldError("site", "required"), new FieldError("x", "unknown_field"))));

    JsonNode fields = Json.mapper().readTree(response.body()).path("fields");
    assertThat(fields).hasSize(2);
    assertThat(fields.get(1).path("field").asText()).isEqualTo("x");
    assertThat(fields.get(1).path("code").asText()).isEqualTo("unknown_field");
  }

  @Test
  void of_periodReleased_is409WithItsCodeAndTheMessageNamingMonthAndDate() throws Exception {
    String message = "contacts of 2026-01 were released on 2026-03-03 and can no longer change";
    ApiResponse response = ErrorResponses.of(new ConflictException("period_released", message));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(Json.mapper().readTree(response.body()))
        .isEqualTo(
            Json.mapper()
                .createObjectNode()
                .put("error", "period_released")
                .put("message", message));
  }

  @Test
  void of_nonValidationError_hasNoFields() throws Exception {
    JsonNode body = Json.mapper().readTree(ErrorResponses.of(new NotFoundException("gone")).body());

    assertThat(body.has("fields")).isFalse();
    assertThat(body.path("message").asText()).isEqualTo("gone");
  }
}
