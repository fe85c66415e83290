package be.helpline.insights.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.error.ConflictException;
import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.error.PreconditionRequiredException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.InMemoryRegistrationStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationsTest {
  private static final String ID = "3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13";
  private static final String JSON = "application/json";

  private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();

  private Registrations at(String instant) {
    return at(instant, new ReferralCode(new SecureRandom()));
  }

  private Registrations at(String instant, ReferralCode codes) {
    return new Registrations(
        store,
        Vocabulary.standard(),
        codes,
        Clock.fixed(Instant.parse(instant), ZoneOffset.UTC),
        ZoneId.of("Europe/Brussels"),
        LocalDate.parse("2018-12-01"),
        new ReleaseCalendar(30, 90));
  }

  private static byte[] bytes(ObjectNode body) {
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode withoutReferral() {
    ObjectNode body = RegistrationInputTest.valid();
    body.putArray("support").add("ADVICE");
    body.remove("referral");
    return body;
  }

  @Test
  void register_sameIdSameBody_returnsSameAnswer() {
    Registrations registrations = at("2020-04-16T10:00:00Z");

    Registrations.Answer first = registrations.register(JSON, bytes(RegistrationInputTest.valid()));
    Registrations.Answer again = registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.referralCode()).isEqualTo(first.referralCode()).isNotNull();
    assertThat(again.version()).isEqualTo(first.version()).isEqualTo(1);
  }

  @Test
  void register_sameIdOtherBody_isIdempotencyConflict() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    assertThatThrownBy(
            () ->
                registrations.register(
                    JSON, bytes(RegistrationInputTest.valid().put("risk", "NONE"))))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("idempotency_conflict");
  }

  @Test
  void register_theIdOfAVoidedRegistration_isRegistrationVoided_notItsFirstAnswer() {
    // schemathesis: a POST answered as stored while its GET answered 404 (voided meanwhile).
    Registrations registrations = at("2020-04-16T10:00:00Z");
    registrations.register(JSON, bytes(RegistrationInputTest.valid()));
    registrations.voidRegistration(ID);

    assertThatThrownBy(() -> registrations.register(JSON, bytes(RegistrationInputTest.valid())))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("registration_voided");
  }

  @Test
  void register_retryAfterAnAmendment_stillGetsTheFirstAnswer() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    Registrations.Answer first = registrations.register(JSON, bytes(RegistrationInputTest.valid()));
    registrations.amend(ID, Optional.of("\"1\""), JSON, bytes(withoutReferral()));

    Registrations.Answer retry = registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    assertThat(retry).isEqualTo(new Registrations.Answer(ID, 1, first.referralCode(), false));
  }

  @Test
  void register_codeAlreadyIssued_drawsAnother() throws Exception {
    SecureRandom first = SecureRandom.getInstance("SHA1PRNG");
    first.setSeed(7L);
    SecureRandom same = SecureRandom.getInstance("SHA1PRNG");
    same.setSeed(7L);
    String taken =
        at("2020-04-16T10:00:00Z", new ReferralCode(first))
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();

    Registrations.Answer other =
        at("2020-04-16T10:00:00Z", new ReferralCode(same))
            .register(
                JSON,
                bytes(
                    RegistrationInputTest.valid()
                        .put("id", "00000000-0000-4000-8000-000000000001")));

    assertThat(other.referralCode()).isNotNull().isNotEqualTo(taken);
  }

  @Test
  void register_beyond64Kilobytes_is413_andNotJson_is415() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    byte[] large = new byte[64 * 1024 + 1];

    assertThatThrownBy(() -> registrations.register(JSON, large))
        .isInstanceOf(PayloadTooLargeException.class);
    assertThatThrownBy(
            () -> registrations.register("text/plain", bytes(RegistrationInputTest.valid())))
        .isInstanceOf(UnsupportedMediaTypeException.class);
    assertThatThrownBy(() -> registrations.register(JSON, "{".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void register_contactDateIsJudgedInBrussels() {
    // 22:30 UTC on 15 April is already 16 April in Brussels.
    Registrations lateEvening = at("2020-04-15T22:30:00Z");

    assertThat(
            lateEvening
                .register(
                    JSON, bytes(RegistrationInputTest.valid().put("contactDate", "2020-04-16")))
                .created())
        .isTrue();
  }

  @Test
  void amend_withoutIfMatchOrWithAStar_is428_malformed_is400_andStale_is412() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    assertThatThrownBy(
            () -> registrations.amend(ID, Optional.empty(), JSON, bytes(withoutReferral())))
        .isInstanceOf(PreconditionRequiredException.class);
    assertThatThrownBy(
            () -> registrations.amend(ID, Optional.of("\"2\""), JSON, bytes(withoutReferral())))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () -> registrations.amend(ID, Optional.of("*"), JSON, bytes(withoutReferral())))
        .isInstanceOf(PreconditionRequiredException.class);
    // Not an entity tag at all, or a version beyond what a registration reaches: malformed.
    for (String malformed : List.of("0", "1", "\"0\"", "\"1234567890\"", "W/1")) {
      assertThatThrownBy(
              () -> registrations.amend(ID, Optional.of(malformed), JSON, bytes(withoutReferral())))
          .as(malformed)
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).fields())
          .isEqualTo(List.of(new FieldError("If-Match", "not_a_version")));
    }
    assertThat(
            registrations
                .amend(ID, Optional.of("W/\"1\""), JSON, bytes(withoutReferral()))
                .version())
        .isEqualTo(2);
  }

  @Test
  void amend_withoutABody_is400_whateverItsIfMatch() {
    // The request's own content is checked before its precondition (schemathesis: a PUT with no
    // body and a malformed If-Match was answered 412).
    Registrations registrations = at("2020-04-16T10:00:00Z");
    registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    for (Optional<String> ifMatch : List.of(Optional.of("0"), Optional.<String>empty())) {
      assertThatThrownBy(() -> registrations.amend(ID, ifMatch, JSON, new byte[0]))
          .as("If-Match %s", ifMatch)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void amend_lastDayOfTheWindow_isAllowed_theDayAfter_isClosed() {
    at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    // contactDate 2020-04-15 + 30 days = 2020-05-15, the last day (Brussels).
    assertThat(
            at("2020-05-15T21:59:00Z")
                .amend(
                    ID,
                    Optional.of("\"1\""),
                    JSON,
                    bytes(RegistrationInputTest.valid().put("risk", "NONE")))
                .version())
        .isEqualTo(2);
    assertThatThrownBy(
            () ->
                at("2020-05-15T22:00:00Z")
                    .amend(ID, Optional.of("\"2\""), JSON, bytes(RegistrationInputTest.valid())))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("amendment_window_closed");
  }

  @Test
  void amend_cannotChangeTheId() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    registrations.register(JSON, bytes(RegistrationInputTest.valid()));

    assertThatThrownBy(
            () ->
                registrations.amend(
                    ID,
                    Optional.of("\"1\""),
                    JSON,
                    bytes(
                        RegistrationInputTest.valid()
                            .put("id", "00000000-0000-4000-8000-000000000001"))))
        .isInstanceOf(InvalidInputException.class)
        .extracting(error -> ((DomainException) error).fields().getFirst().code())
        .isEqualTo("does_not_match_path");
  }

  @Test
  void amend_keepingTheReferral_keepsTheCodeAndItsOutcome() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    String code = registrations.register(JSON, bytes(RegistrationInputTest.valid())).referralCode();
    registrations.recordOutcome(code, JSON, outcome("ARRIVED"));
    ObjectNode otherRegion = RegistrationInputTest.valid();
    ((ObjectNode) otherRegion.get("referral")).put("region", "LIMBURG");

    Registrations.Answer amended =
        registrations.amend(ID, Optional.of("\"1\""), JSON, bytes(otherRegion));

    assertThat(amended.referralCode()).isEqualTo(code);
    assertThat(store.outcome(code)).contains("ARRIVED");
    assertThat(registrations.get(ID).registration().referral().region()).isEqualTo("LIMBURG");
  }

  @Test
  void amend_droppingTheReferral_retiresItsCode_andAddingOne_issuesANewCode() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    String first =
        registrations.register(JSON, bytes(RegistrationInputTest.valid())).referralCode();

    Registrations.Answer dropped =
        registrations.amend(ID, Optional.of("\"1\""), JSON, bytes(withoutReferral()));
    Registrations.Answer added =
        registrations.amend(ID, Optional.of("\"2\""), JSON, bytes(RegistrationInputTest.valid()));

    assertThat(dropped.referralCode()).isNull();
    assertThat(added.referralCode()).isNotNull().isNotEqualTo(first);
    assertThatThrownBy(() -> registrations.recordOutcome(first, JSON, outcome("ARRIVED")))
        .isInstanceOf(NotFoundException.class);
    registrations.recordOutcome(added.referralCode(), JSON, outcome("NOT_ARRIVED"));
    assertThat(store.outcome(added.referralCode())).contains("NOT_ARRIVED");
  }

  @Test
  void voidRegistration_hidesIt_retiresTheCode_andIsIdempotent() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    String code = registrations.register(JSON, bytes(RegistrationInputTest.valid())).referralCode();

    registrations.voidRegistration(ID);
    registrations.voidRegistration(ID);

    assertThatThrownBy(() -> registrations.get(ID)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> registrations.recordOutcome(code, JSON, outcome("ARRIVED")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> registrations.amend(ID, Optional.of("\"2\""), JSON, bytes(withoutReferral())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> registrations.voidRegistration("00000000-0000-4000-8000-000000000009"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void recordOutcome_isIdempotent_andValidated() {
    Registrations registrations = at("2020-04-16T10:00:00Z");
    String code = registrations.register(JSON, bytes(RegistrationInputTest.valid())).referralCode();

    registrations.recordOutcome(code.toLowerCase(), JSON, outcome("ARRIVED"));
    registrations.recordOutcome(code, JSON, outcome("ARRIVED"));

    assertThat(store.outcome(code)).contains("ARRIVED");
    assertThatThrownBy(() -> registrations.recordOutcome(code, JSON, outcome("MAYBE")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(error -> ((DomainException) error).fields().getFirst().field())
        .isEqualTo("outcome");
    assertThatThrownBy(
            () ->
                registrations.recordOutcome(
                    code,
                    JSON,
                    "{\"outcome\":\"ARRIVED\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> registrations.recordOutcome("K7QMX-2HRPW", JSON, outcome("ARRIVED")))
        .isInstanceOf(NotFoundException.class);
  }

  // The calendar of these tests: April 2020's counts are released on 2020-05-31 (30 April + 30
  // days + 1), its referral outcomes on 2020-08-29 (30 April + 90 + 30 + 1); March's counts on
  // 2020-05-01.

  private static void assertReleased(Runnable change, String message) {
    assertThatThrownBy(change::run)
        .isInstanceOf(ConflictException.class)
        .hasMessage(message)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("period_released");
  }

  @Test
  void register_inAReleasedMonth_isRefusedWithTheReleaseDate() {
    assertReleased(
        () -> at("2020-05-31T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid())),
        "contacts of 2020-04 were released on 2020-05-31 and can no longer change");
    assertThat(store.find(ID)).isEmpty();
  }

  @Test
  void register_onTheDayBeforeRelease_isAccepted() {
    // 21:59 UTC on 30 May is 23:59 in Brussels: still the day before the release.
    assertThat(
            at("2020-05-30T21:59:00Z")
                .register(JSON, bytes(RegistrationInputTest.valid()))
                .created())
        .isTrue();
    assertReleased(
        () ->
            at("2020-05-30T22:00:00Z")
                .register(
                    JSON,
                    bytes(
                        RegistrationInputTest.valid()
                            .put("id", "00000000-0000-4000-8000-000000000001"))),
        "contacts of 2020-04 were released on 2020-05-31 and can no longer change");
  }

  @Test
  void register_retryOfAStoredRegistrationAfterRelease_answersTheFirstAnswer() {
    Registrations.Answer first =
        at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    Registrations.Answer retry =
        at("2020-06-01T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    assertThat(retry).isEqualTo(new Registrations.Answer(ID, 1, first.referralCode(), false));
  }

  @Test
  void register_sameIdOtherContentAfterRelease_staysAnIdempotencyConflict() {
    at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    assertThatThrownBy(
            () ->
                at("2020-06-01T10:00:00Z")
                    .register(JSON, bytes(RegistrationInputTest.valid().put("risk", "NONE"))))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("idempotency_conflict");
  }

  @Test
  void amend_ofAReleasedMonth_isRefusedBeforeTheWindowsAnswer() {
    at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    assertReleased(
        () ->
            at("2020-05-31T10:00:00Z")
                .amend(ID, Optional.of("\"1\""), JSON, bytes(withoutReferral())),
        "contacts of 2020-04 were released on 2020-05-31 and can no longer change");
    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void amend_movingIntoAReleasedMonth_isRefused() {
    Registrations registrations = at("2020-05-10T10:00:00Z");
    registrations.register(
        JSON, bytes(RegistrationInputTest.valid().put("contactDate", "2020-05-02")));

    assertReleased(
        () ->
            registrations.amend(
                ID,
                Optional.of("\"1\""),
                JSON,
                bytes(RegistrationInputTest.valid().put("contactDate", "2020-03-30"))),
        "contacts of 2020-03 were released on 2020-05-01 and can no longer change");
    assertThat(registrations.get(ID).registration().contactDate())
        .isEqualTo(LocalDate.parse("2020-05-02"));
  }

  @Test
  void amend_movingToAnOpenMonth_movesItsReferralCodeToThatMonth() {
    Registrations registrations = at("2020-05-10T10:00:00Z");
    String code =
        registrations
            .register(JSON, bytes(RegistrationInputTest.valid().put("contactDate", "2020-05-02")))
            .referralCode();

    Registrations.Answer amended =
        registrations.amend(
            ID,
            Optional.of("\"1\""),
            JSON,
            bytes(RegistrationInputTest.valid().put("contactDate", "2020-04-20")));

    assertThat(amended.referralCode()).isEqualTo(code);
    assertThat(store.month(code)).contains(YearMonth.of(2020, 4));
  }

  @Test
  void void_inAReleasedMonth_isRefused() {
    at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));

    assertReleased(
        () -> at("2020-06-01T10:00:00Z").voidRegistration(ID),
        "contacts of 2020-04 were released on 2020-05-31 and can no longer change");
    assertThat(at("2020-06-01T10:00:00Z").get(ID).voided()).isFalse();
  }

  @Test
  void void_voidedBeforeRelease_staysVoided_andUnknownStays404AfterRelease() {
    at("2020-04-16T10:00:00Z").register(JSON, bytes(RegistrationInputTest.valid()));
    at("2020-04-17T10:00:00Z").voidRegistration(ID);
    Registrations afterRelease = at("2020-06-01T10:00:00Z");

    afterRelease.voidRegistration(ID);

    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
    assertThatThrownBy(() -> afterRelease.voidRegistration("00000000-0000-4000-8000-000000000009"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void outcome_afterItsMonthsCountsButBeforeItsOutcomesRelease_isAccepted() {
    String code =
        at("2020-04-16T10:00:00Z")
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();

    at("2020-06-15T10:00:00Z").recordOutcome(code, JSON, outcome("NOT_ARRIVED"));
    at("2020-08-28T10:00:00Z").recordOutcome(code, JSON, outcome("ARRIVED"));

    assertThat(store.outcome(code)).contains("ARRIVED");
  }

  @Test
  void outcome_afterItsMonthsOutcomeRelease_isRefused() {
    String code =
        at("2020-04-16T10:00:00Z")
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();
    at("2020-05-01T10:00:00Z").recordOutcome(code, JSON, outcome("NOT_ARRIVED"));

    assertReleased(
        () -> at("2020-08-29T10:00:00Z").recordOutcome(code, JSON, outcome("ARRIVED")),
        "referral outcomes of 2020-04 were released on 2020-08-29 and can no longer change");
    assertThat(store.outcome(code)).contains("NOT_ARRIVED");
  }

  @Test
  void outcome_firstAnswerAfterRelease_isRefused() {
    String code =
        at("2020-04-16T10:00:00Z")
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();

    assertReleased(
        () -> at("2020-09-01T10:00:00Z").recordOutcome(code, JSON, outcome("ARRIVED")),
        "referral outcomes of 2020-04 were released on 2020-08-29 and can no longer change");
    assertThat(store.outcome(code)).isEmpty();
  }

  @Test
  void outcome_sameAnswerAfterRelease_isAccepted() {
    String code =
        at("2020-04-16T10:00:00Z")
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();
    at("2020-05-01T10:00:00Z").recordOutcome(code, JSON, outcome("ARRIVED"));

    at("2020-09-01T10:00:00Z").recordOutcome(code, JSON, outcome("ARRIVED"));

    assertThat(store.outcome(code)).contains("ARRIVED");
  }

  @Test
  void outcome_unknownOrRetiredCodeAfterRelease_staysNotFound() {
    String code =
        at("2020-04-16T10:00:00Z")
            .register(JSON, bytes(RegistrationInputTest.valid()))
            .referralCode();
    at("2020-04-17T10:00:00Z").voidRegistration(ID);
    Registrations afterRelease = at("2020-09-01T10:00:00Z");

    assertThatThrownBy(() -> afterRelease.recordOutcome(code, JSON, outcome("ARRIVED")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> afterRelease.recordOutcome("K7QMX-2HRPW", JSON, outcome("ARRIVED")))
        .isInstanceOf(NotFoundException.class);
  }

  private static byte[] outcome(String outcome) {
    ObjectNode body = Json.mapper().createObjectNode().put("outcome", outcome);
    return bytes(body);
  }
}
