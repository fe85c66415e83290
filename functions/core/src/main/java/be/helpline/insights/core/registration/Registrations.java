package be.helpline.insights.core.registration;

import be.helpline.insights.core.error.ConflictException;
import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.error.PreconditionRequiredException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.json.JsonBody;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Use case: responders register contacts exactly once and amend them within the amendment window;
 * coordinators void them; centres confirm referrals by code.
 *
 * <p>An amendment keeps the referral code while support keeps REFERRAL (the centre type or region
 * may change, the outcome stays); one that adds REFERRAL issues a new code; one that drops it
 * retires the code, which then answers 404, and its outcome leaves the statistics with it.
 *
 * <p>A released figure never changes (SPEC section 6.1): a registration, amendment or void that
 * would touch a month whose counts are released, and an outcome for a month whose outcomes are
 * released, is refused with 409 {@code period_released}, by the {@link ReleaseCalendar} the
 * aggregator releases by. Retries of what was stored before the release still get their answer.
 */
public final class Registrations {
  static final int CODE_ATTEMPTS = 5;
  static final int VOID_ATTEMPTS = 5;
  private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"([1-9]\\d{0,8})\"");

  private final RegistrationStore store;
  private final Vocabulary vocabulary;
  private final RegistrationInput input;
  private final ReferralCode codes;
  private final Clock clock;
  private final ZoneId zone;
  private final ReleaseCalendar calendar;

  /**
   * @param calendar when months are released; its settling days are the amendment window
   */
  public Registrations(
      RegistrationStore store,
      Vocabulary vocabulary,
      ReferralCode codes,
      Clock clock,
      ZoneId zone,
      LocalDate programmeStart,
      ReleaseCalendar calendar) {
    this.store = store;
    this.vocabulary = vocabulary;
    this.input = new RegistrationInput(vocabulary, programmeStart);
    this.codes = codes;
    this.clock = clock;
    this.zone = zone;
    this.calendar = calendar;
  }

  /** What a write answers: the id, the version now stored, the live referral code if any. */
  public record Answer(String id, int version, String referralCode, boolean created) {}

  /**
   * Registers a contact. A retry with the same id and the same content gets the first answer again
   * ({@code created} false); the same id with other content is a 409 {@code idempotency_conflict},
   * and a voided one's id a 409 {@code registration_voided}. A contact dated in a released month is
   * a 409 {@code period_released}, unless it is such a retry.
   */
  public Answer register(String contentType, byte[] body) {
    LocalDate today = today();
    Registration registration = input.read(JsonBody.read(contentType, body), today);
    YearMonth month = YearMonth.from(registration.contactDate());
    if (calendar.countsReleased(month, today)) {
      // Read only here: a retry whose first attempt was stored before the release.
      return store
          .find(registration.id())
          .map(stored -> firstAnswer(stored, registration.hash()))
          .orElseThrow(() -> countsReleased(month));
    }
    for (int attempt = 1; ; attempt++) {
      StoredRegistration candidate =
          StoredRegistration.created(registration, registration.referred() ? codes.next() : null);
      RegistrationStore.Insert insert;
      try {
        insert = store.insert(candidate);
      } catch (ReferralCodeTakenException e) {
        if (attempt == CODE_ATTEMPTS) {
          throw new IllegalStateException("no free referral code after " + attempt + " draws", e);
        }
        continue;
      }
      if (insert.created()) {
        return new Answer(candidate.id(), 1, candidate.postReferralCode(), true);
      }
      return firstAnswer(insert.stored(), candidate.postHash());
    }
  }

  /**
   * What the POST that created {@code stored} was answered, if {@code postHash} is its content; a
   * 409 {@code registration_voided} once it is voided (its GET answers 404: a retry must not be
   * told it stands).
   */
  private static Answer firstAnswer(StoredRegistration stored, String postHash) {
    if (stored.voided()) {
      throw new ConflictException(
          "registration_voided", "this id was registered and has since been voided");
    }
    if (!stored.postHash().equals(postHash)) {
      throw new ConflictException(
          "idempotency_conflict", "this id was registered with other content");
    }
    return new Answer(stored.id(), 1, stored.postReferralCode(), false);
  }

  /** The live registration; 404 for an unknown or voided id. */
  public StoredRegistration get(String id) {
    return live(id).orElseThrow(() -> new NotFoundException("no such registration"));
  }

  /**
   * Amends a registration: {@code ifMatch} must name the stored version (428 without it or for
   * {@code *}, 400 when it is not an entity tag, 412 when stale), the contact date must be at most
   * the amendment window ago (409 {@code amendment_window_closed}), the body must be valid and keep
   * the id. Neither the stored contact date's month nor the new one's may be released (409 {@code
   * period_released}, before the window's answer).
   */
  public Answer amend(String id, Optional<String> ifMatch, String contentType, byte[] body) {
    // The request's own content first (a missing or invalid body is 400), then its precondition.
    LocalDate today = today();
    Registration next = input.read(JsonBody.read(contentType, body), today);
    int expected =
        version(
            ifMatch.orElseThrow(
                () ->
                    new PreconditionRequiredException(
                        "send If-Match with the version you read (its ETag)")));
    if (!next.id().equals(id.toLowerCase(Locale.ROOT))) {
      throw new InvalidInputException(
          "the id cannot change", List.of(new FieldError("id", "does_not_match_path")));
    }
    StoredRegistration current = get(id);
    LocalDate stored = current.registration().contactDate();
    requireCountsOpen(stored, today);
    if (today.isAfter(stored.plusDays(calendar.settleDays()))) {
      throw new ConflictException(
          "amendment_window_closed",
          "a registration can be amended up to "
              + calendar.settleDays()
              + " days after its contact date");
    }
    requireCountsOpen(next.contactDate(), today);
    if (current.version() != expected) {
      throw new PreconditionFailedException(
          "version " + expected + " is not the current version " + current.version());
    }
    for (int attempt = 1; ; attempt++) {
      String code =
          !next.referred()
              ? null
              : current.referralCode() != null ? current.referralCode() : codes.next();
      StoredRegistration replacement =
          new StoredRegistration(
              next,
              current.version() + 1,
              code,
              false,
              current.postHash(),
              current.postReferralCode());
      try {
        store.replace(current, replacement);
        return new Answer(id, replacement.version(), code, false);
      } catch (ReferralCodeTakenException e) {
        if (attempt == CODE_ATTEMPTS) {
          throw new IllegalStateException("no free referral code after " + attempt + " draws", e);
        }
      }
    }
  }

  /**
   * Voids a registration: it leaves every statistic and its referral code stops working. Voiding
   * again changes nothing; voiding one of a released month is a 409 {@code period_released}.
   */
  public void voidRegistration(String id) {
    if (!RegistrationInput.isValidId(id)) {
      throw new NotFoundException("no such registration");
    }
    for (int attempt = 1; ; attempt++) {
      StoredRegistration stored =
          store
              .find(id.toLowerCase(Locale.ROOT))
              .orElseThrow(() -> new NotFoundException("no such registration"));
      if (stored.voided()) {
        return;
      }
      requireCountsOpen(stored.registration().contactDate(), today());
      if (store.voidRegistration(stored)) {
        return;
      }
      // Amended meanwhile (another write succeeded, so no pause): judge the new version.
      if (attempt == VOID_ATTEMPTS) {
        throw new StorageUnavailableException("registration not voided: conflicts", null);
      }
    }
  }

  /**
   * Records a centre's {@code {"outcome": "ARRIVED" | "NOT_ARRIVED"}} for a referral code; the same
   * answer again changes nothing, a later one replaces it. 404 for an unknown code; 409 {@code
   * period_released} once the outcomes of the code's contact month are released, except for the
   * answer already stored.
   */
  public void recordOutcome(String typedCode, String contentType, byte[] body) {
    JsonNode json = JsonBody.read(contentType, body);
    String outcome = OutcomeInput.read(json, vocabulary);
    String code =
        ReferralCode.parse(typedCode)
            .orElseThrow(() -> new NotFoundException("no such referral code"));
    switch (store.recordOutcome(code, outcome, calendar.lastOutcomesReleased(today()))) {
      case RegistrationStore.OutcomeWrite.Recorded recorded -> {}
      case RegistrationStore.OutcomeWrite.UnknownCode unknown ->
          throw new NotFoundException("no such referral code");
      case RegistrationStore.OutcomeWrite.Released released ->
          throw released(
              "referral outcomes", released.month(), calendar.outcomesRelease(released.month()));
    }
  }

  private void requireCountsOpen(LocalDate contactDate, LocalDate today) {
    YearMonth month = YearMonth.from(contactDate);
    if (calendar.countsReleased(month, today)) {
      throw countsReleased(month);
    }
  }

  private ConflictException countsReleased(YearMonth month) {
    return released("contacts", month, calendar.countsRelease(month));
  }

  /** Names the month and its release date; the staff form shows both. */
  private static ConflictException released(String what, YearMonth month, LocalDate releasedOn) {
    return new ConflictException(
        "period_released",
        what + " of " + month + " were released on " + releasedOn + " and can no longer change");
  }

  private Optional<StoredRegistration> live(String id) {
    if (!RegistrationInput.isValidId(id)) {
      return Optional.empty();
    }
    return store.find(id.toLowerCase(Locale.ROOT)).filter(stored -> !stored.voided());
  }

  private static int version(String ifMatch) {
    String value = ifMatch.strip();
    if (value.equals("*")) {
      // "Any version" is no precondition: an amendment must say which version it read.
      throw new PreconditionRequiredException(
          "send If-Match with the version you read (its ETag), not *");
    }
    Matcher matcher = ENTITY_TAG.matcher(value);
    if (!matcher.matches()) {
      throw new InvalidInputException(
          "If-Match must be a version such as \"1\"",
          List.of(new FieldError("If-Match", "not_a_version")));
    }
    return Integer.parseInt(matcher.group(1));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }
}
