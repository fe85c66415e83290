package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.AesSeal;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.error.ConflictException;
import be.helpline.insights.core.error.DomainException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.registration.ReferralCode;
import be.helpline.insights.core.registration.ReferralCodeTakenException;
import be.helpline.insights.core.registration.Registration;
import be.helpline.insights.core.registration.RegistrationStore.OutcomeWrite;
import be.helpline.insights.core.registration.Registrations;
import be.helpline.insights.core.registration.StoredRegistration;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The registration store against moto over HTTP, driven through the use case where it matters. */
class DynamoDbRegistrationStoreIT {
  static final String ID = "3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13";
  static final String BODY =
      """
      {"id": "%s", "contactDate": "2020-04-15", "channel": "PHONE", "callerGroup": "SELF",
       "selfConcern": ["BEHAVIOUR"], "topics": ["CSAM"], "pastOffences": "YES",
       "justiceHistory": ["CONVICTION"], "risk": "CONCERN", "support": ["INFORMATION", "%s"],
       %s "gender": "MALE", "ageBand": "36_45", "howHeard": "CAMPAIGN_BANNER",
       "firstContact": "YES"}
      """;
  private static final String JSON = "application/json";
  // Outcomes of months up to this one are released: none of these tests' months.
  private static final YearMonth EARLIER = YearMonth.of(2019, 12);
  private static final OutcomeWrite RECORDED = new OutcomeWrite.Recorded();
  private static final OutcomeWrite UNKNOWN = new OutcomeWrite.UnknownCode();

  private final Emulator emulator = Emulator.moto();
  private final String table = emulator.newTable("registrations");
  private final DynamoDbRegistrationStore store =
      new DynamoDbRegistrationStore(
          new DynamoDbHttp(
              emulator.config(), AwsClients.Budget.REQUEST, DynamoDbHttp.Retries.STANDARD),
          table,
          3650,
          new AesSeal());
  private final ExecutorService pool = Executors.newFixedThreadPool(20);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static byte[] body(String id, boolean referral) {
    return BODY.formatted(
            id,
            referral ? "REFERRAL" : "ADVICE",
            referral ? "\"referral\": {\"centreType\": \"CGG\", \"region\": \"ANTWERPEN\"}," : "")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Registrations registrations(String instant) {
    return registrations(store, instant);
  }

  /** The registration use cases on this store, at this instant (the other storage ITs' too). */
  static Registrations registrations(DynamoDbRegistrationStore store, String instant) {
    return new Registrations(
        store,
        Vocabulary.standard(),
        ReferralCode.secure(),
        Clock.fixed(Instant.parse(instant), ZoneOffset.UTC),
        ZoneId.of("Europe/Brussels"),
        LocalDate.parse("2018-12-01"),
        new ReleaseCalendar(30, 90));
  }

  private List<Map<String, AttributeValue>> items() {
    return emulator.dynamoDb().scan(scan -> scan.tableName(table)).items();
  }

  @Test
  void register_twentyConcurrentIdenticalPosts_storeOnceAndAnswerAlike() throws Exception {
    Registrations registrations = registrations("2020-04-16T10:00:00Z");
    List<Callable<Registrations.Answer>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(() -> registrations.register(JSON, body(ID, true)));
    }

    List<Registrations.Answer> answers = new ArrayList<>();
    for (Future<Registrations.Answer> answer : pool.invokeAll(posts)) {
      answers.add(answer.get());
    }

    assertThat(answers.stream().filter(Registrations.Answer::created)).hasSize(1);
    assertThat(answers.stream().map(a -> List.of(a.id(), a.version(), a.referralCode())).distinct())
        .hasSize(1);
    String code = answers.getFirst().referralCode();
    assertThat(code).isNotNull();
    // One registration item and one referral item: the losers' codes were never stored.
    assertThat(items()).hasSize(2);
    assertThat(items().stream().map(item -> item.get("pk").s()))
        .containsExactlyInAnyOrder("registration#" + ID, "referral#" + code);
  }

  @Test
  void register_twentyConcurrentPostsWithoutReferral_storeOnce() throws Exception {
    Registrations registrations = registrations("2020-04-16T10:00:00Z");
    List<Callable<Registrations.Answer>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(() -> registrations.register(JSON, body(ID, false)));
    }

    List<Registrations.Answer> answers = new ArrayList<>();
    for (Future<Registrations.Answer> answer : pool.invokeAll(posts)) {
      answers.add(answer.get());
    }

    assertThat(answers.stream().filter(Registrations.Answer::created)).hasSize(1);
    assertThat(answers).allMatch(a -> a.referralCode() == null && a.version() == 1);
    assertThat(items()).hasSize(1);
  }

  @Test
  void register_sameIdOtherBody_is409AndKeepsTheFirst() {
    Registrations registrations = registrations("2020-04-16T10:00:00Z");
    registrations.register(JSON, body(ID, true));

    assertThatThrownBy(() -> registrations.register(JSON, body(ID, false)))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("idempotency_conflict");
    assertThat(store.find(ID).orElseThrow().registration().referred()).isTrue();
    assertThat(items()).hasSize(2);
  }

  @Test
  void insert_anIssuedCode_isRefusedAndStoresNothing() {
    StoredRegistration first = registrations("2020-04-16T10:00:00Z").get(register(ID));
    Registration other =
        new Registration(
            "00000000-0000-4000-8000-000000000002",
            first.registration().contactDate(),
            "CHAT",
            "RELATIVE",
            List.of(),
            List.of(),
            "NO",
            List.of(),
            "NONE",
            List.of("REFERRAL"),
            new Registration.Referral("CAW", "LIMBURG"),
            "FEMALE",
            "26_35",
            "SEARCH",
            "NO");

    assertThatThrownBy(() -> store.insert(StoredRegistration.created(other, first.referralCode())))
        .isInstanceOf(ReferralCodeTakenException.class);
    assertThat(store.find(other.id())).isEmpty();
  }

  private String register(String id) {
    registrations("2020-04-16T10:00:00Z").register(JSON, body(id, true));
    return id;
  }

  @Test
  void amend_staleVersion_is412_andTheWindowCloses() {
    register(ID);
    Registrations registrations = registrations("2020-04-16T10:00:00Z");
    registrations.amend(ID, Optional.of("\"1\""), JSON, body(ID, true));

    assertThatThrownBy(() -> registrations.amend(ID, Optional.of("\"1\""), JSON, body(ID, true)))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(
            () ->
                registrations("2020-05-16T10:00:00Z")
                    .amend(ID, Optional.of("\"2\""), JSON, body(ID, true)))
        .isInstanceOf(ConflictException.class)
        .extracting(error -> ((DomainException) error).code())
        .isEqualTo("amendment_window_closed");
  }

  @Test
  void replace_whenAnotherWriterWasFirst_is412() {
    register(ID);
    StoredRegistration read = store.find(ID).orElseThrow();
    StoredRegistration next =
        new StoredRegistration(
            read.registration(),
            2,
            read.referralCode(),
            false,
            read.postHash(),
            read.postReferralCode());
    store.replace(read, next);

    assertThatThrownBy(() -> store.replace(read, next))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void amend_droppingAndAddingTheReferral_retiresAndIssuesCodes() {
    register(ID);
    Registrations registrations = registrations("2020-04-16T10:00:00Z");
    String first = store.find(ID).orElseThrow().referralCode();

    registrations.amend(ID, Optional.of("\"1\""), JSON, body(ID, false));
    assertThat(store.find(ID).orElseThrow().referralCode()).isNull();
    assertThat(store.recordOutcome(first, "ARRIVED", EARLIER)).isEqualTo(UNKNOWN);

    String second =
        registrations.amend(ID, Optional.of("\"2\""), JSON, body(ID, true)).referralCode();
    assertThat(second).isNotEqualTo(first);
    assertThat(store.recordOutcome(second, "ARRIVED", EARLIER)).isEqualTo(RECORDED);
    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void void_hidesTheRegistration_retiresItsCode_andIsIdempotent() {
    register(ID);
    String code = store.find(ID).orElseThrow().referralCode();
    Registrations registrations = registrations("2020-04-16T10:00:00Z");

    registrations.voidRegistration(ID);
    registrations.voidRegistration(ID);

    assertThat(store.find(ID).orElseThrow().voided()).isTrue();
    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
    assertThatThrownBy(() -> registrations.get(ID)).isInstanceOf(NotFoundException.class);
    assertThat(store.recordOutcome(code, "ARRIVED", EARLIER)).isEqualTo(UNKNOWN);
    assertThatThrownBy(() -> registrations.voidRegistration("00000000-0000-4000-8000-000000000009"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void recordOutcome_isIdempotent_lastAnswerWins_unknownCodeIsUnknown() {
    register(ID);
    String code = store.find(ID).orElseThrow().referralCode();

    assertThat(store.recordOutcome(code, "ARRIVED", EARLIER)).isEqualTo(RECORDED);
    assertThat(store.recordOutcome(code, "ARRIVED", EARLIER)).isEqualTo(RECORDED);
    assertThat(store.recordOutcome(code, "NOT_ARRIVED", EARLIER)).isEqualTo(RECORDED);
    assertThat(store.recordOutcome("K7QMX-2HRPW", "ARRIVED", EARLIER)).isEqualTo(UNKNOWN);

    Map<String, AttributeValue> referral =
        items().stream()
            .filter(i -> i.get("pk").s().startsWith("referral#"))
            .findFirst()
            .orElseThrow();
    assertThat(referral.get("outcome").s()).isEqualTo("NOT_ARRIVED");
    assertThat(items()).hasSize(2);
  }

  @Test
  void items_holdOnlyCodesDateVersionAndHashes_withAnExpiry() {
    register(ID);

    Map<String, AttributeValue> registration =
        items().stream()
            .filter(i -> i.get("pk").s().startsWith("registration#"))
            .findFirst()
            .orElseThrow();
    assertThat(registration.keySet())
        .containsExactlyInAnyOrder(
            "pk",
            "sk",
            "id",
            "contactDate",
            "channel",
            "callerGroup",
            "selfConcern",
            "topics",
            "pastOffences",
            "justiceHistory",
            "risk",
            "support",
            "centreType",
            "region",
            "gender",
            "ageBand",
            "howHeard",
            "firstContact",
            "version",
            "sealedReferralCode",
            "postHash",
            "sealedPostReferralCode",
            "expiresAt");
    String code = store.find(ID).orElseThrow().referralCode();
    assertThat(code).isNotNull();
    assertThat(registration.toString()).doesNotContain(code, code.replace("-", ""));
    long expected =
        LocalDate.parse("2020-04-15").plusDays(3650).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    assertThat(registration.get("expiresAt").n()).isEqualTo(Long.toString(expected));
  }

  private Map<String, AttributeValue> referralItem() {
    return items().stream()
        .filter(i -> i.get("pk").s().startsWith("referral#"))
        .findFirst()
        .orElseThrow();
  }

  private static String expiryAfter(String day) {
    return Long.toString(
        LocalDate.parse(day).plusDays(3650).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
  }

  @Test
  void referralItem_holdsTheContactMonth_andNothingThatNarrowsItToADay() {
    register(ID);

    Map<String, AttributeValue> referral = referralItem();

    assertThat(referral.keySet()).containsExactlyInAnyOrder("pk", "sk", "month", "expiresAt");
    assertThat(referral.get("month").s()).isEqualTo("2020-04");
    // The expiry counts from the month's end, not from the contact day (2020-04-15).
    assertThat(referral.get("expiresAt").n()).isEqualTo(expiryAfter("2020-04-30"));
    assertThat(referral.toString()).doesNotContain("2020-04-15", expiryAfter("2020-04-15"));
  }

  @Test
  void amend_movingTheContactMonth_movesTheKeptCodesMonthAndExpiry() {
    register(ID);
    String code = store.find(ID).orElseThrow().referralCode();
    byte[] may =
        new String(body(ID, true), StandardCharsets.UTF_8)
            .replace("2020-04-15", "2020-05-02")
            .getBytes(StandardCharsets.UTF_8);

    registrations("2020-05-10T10:00:00Z").amend(ID, Optional.of("\"1\""), JSON, may);

    Map<String, AttributeValue> referral = referralItem();
    assertThat(referral.get("pk").s()).isEqualTo("referral#" + code);
    assertThat(referral.get("month").s()).isEqualTo("2020-05");
    assertThat(referral.get("expiresAt").n()).isEqualTo(expiryAfter("2020-05-31"));
  }

  @Test
  void recordOutcome_ofAReleasedMonth_takesOnlyTheAnswerStored() {
    register(ID);
    String code = store.find(ID).orElseThrow().referralCode();
    YearMonth april = YearMonth.of(2020, 4);
    assertThat(store.recordOutcome(code, "ARRIVED", april.minusMonths(1))).isEqualTo(RECORDED);

    assertThat(store.recordOutcome(code, "NOT_ARRIVED", april))
        .isEqualTo(new OutcomeWrite.Released(april));
    assertThat(store.recordOutcome(code, "ARRIVED", april)).isEqualTo(RECORDED);
    assertThat(referralItem().get("outcome").s()).isEqualTo("ARRIVED");
  }

  @Test
  void recordOutcome_firstAnswerForAReleasedMonth_isRefused() {
    register(ID);
    String code = store.find(ID).orElseThrow().referralCode();

    assertThat(store.recordOutcome(code, "ARRIVED", YearMonth.of(2020, 6)))
        .isEqualTo(new OutcomeWrite.Released(YearMonth.of(2020, 4)));
    assertThat(referralItem()).doesNotContainKey("outcome");
  }

  @Test
  void recordOutcome_ofACodeStoredWithoutItsMonth_isAccepted() {
    emulator
        .dynamoDb()
        .putItem(
            put ->
                put.tableName(table)
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("referral#K7QMX-2HRPW"),
                            "sk", AttributeValue.fromS("referral"),
                            "expiresAt", AttributeValue.fromN(expiryAfter("2020-04-15")))));

    assertThat(store.recordOutcome("K7QMX-2HRPW", "ARRIVED", YearMonth.of(2030, 1)))
        .isEqualTo(RECORDED);
    assertThat(referralItem().get("outcome").s()).isEqualTo("ARRIVED");
  }

  @Test
  void void_afterAConcurrentAmendment_isRefusedByTheStore_andTheUseCaseVoidsTheNewVersion() {
    register(ID);
    StoredRegistration read = store.find(ID).orElseThrow();
    registrations("2020-04-16T10:00:00Z").amend(ID, Optional.of("\"1\""), JSON, body(ID, false));

    assertThat(store.voidRegistration(read)).isFalse();
    assertThat(store.find(ID).orElseThrow().voided()).isFalse();
    registrations("2020-04-16T10:00:00Z").voidRegistration(ID);
    assertThat(store.find(ID).orElseThrow().voided()).isTrue();
    assertThat(store.find(ID).orElseThrow().version()).isEqualTo(3);
  }
}
