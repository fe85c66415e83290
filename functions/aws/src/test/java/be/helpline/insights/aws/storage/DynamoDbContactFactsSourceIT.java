package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.AesSeal;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.registration.Registrations;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the aggregator reads of registrations, against moto. */
class DynamoDbContactFactsSourceIT {
  private static final String JSON = "application/json";

  private final Emulator emulator = Emulator.moto();
  private final String table = emulator.newTable("registrations");
  private final DynamoDbRegistrationStore store =
      new DynamoDbRegistrationStore(emulator.functionsDynamoDb(), table, 3650, new AesSeal());
  private final Registrations registrations =
      DynamoDbRegistrationStoreIT.registrations(store, "2020-04-16T10:00:00Z");
  private final DynamoDbContactFactsSource source =
      new DynamoDbContactFactsSource(
          new DynamoDbHttp(
              emulator.config(), AwsClients.Budget.BATCH, DynamoDbHttp.Retries.STANDARD),
          table);

  private static String id(int n) {
    return "00000000-0000-4000-8000-%012d".formatted(n);
  }

  @Test
  void all_givesLiveRegistrationsWithTheirOutcome_andSkipsVoidedOnes() {
    String arrived =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(1), true)).referralCode();
    registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(2), true));
    registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(3), false));
    String voided =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(4), true)).referralCode();
    registrations.recordOutcome(arrived, JSON, "{\"outcome\":\"ARRIVED\"}".getBytes());
    registrations.recordOutcome(voided, JSON, "{\"outcome\":\"ARRIVED\"}".getBytes());
    registrations.voidRegistration(id(4));

    var facts = source.all();

    assertThat(facts).hasSize(3);
    assertThat(facts.stream().filter(ContactFacts::referred).map(f -> f.referral().outcome()))
        .containsExactlyInAnyOrder("ARRIVED", null);
    ContactFacts first = facts.getFirst();
    assertThat(first.contactDate()).isEqualTo(LocalDate.parse("2020-04-15"));
    assertThat(first.callerGroup()).isEqualTo("SELF");
    assertThat(first.topics()).isEqualTo(Set.of("CSAM"));
    assertThat(first.referral().centreType()).isEqualTo("CGG");
    assertThat(first.referral().region()).isEqualTo("ANTWERPEN");
  }

  @Test
  void all_afterAnAmendmentDropsTheReferral_forgetsItsOutcome() {
    String code =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(1), true)).referralCode();
    registrations.recordOutcome(code, JSON, "{\"outcome\":\"ARRIVED\"}".getBytes());
    registrations.amend(
        id(1), Optional.of("\"1\""), JSON, DynamoDbRegistrationStoreIT.body(id(1), false));

    assertThat(source.all()).singleElement().satisfies(f -> assertThat(f.referred()).isFalse());
  }

  @Test
  void all_takesAReferralItemWrittenBeforeMonthsWereKept_throughTheCodeStillInTheClear() {
    String code =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(1), true)).referralCode();
    registrations.recordOutcome(code, JSON, "{\"outcome\":\"NOT_ARRIVED\"}".getBytes());
    DynamoDbHttp dynamoDb = emulator.functionsDynamoDb();
    dynamoDb.updateItem(
        new DynamoDbHttp.Update(
            table,
            RegistrationItems.referralKey(code),
            "REMOVE #month",
            null,
            Map.of("#month", "month"),
            null));
    // ...and its registration as it was written before codes were sealed.
    dynamoDb.updateItem(
        new DynamoDbHttp.Update(
            table,
            RegistrationItems.registrationKey(id(1)),
            "SET referralCode = :code REMOVE sealedReferralCode",
            null,
            null,
            Map.of(":code", AttributeValue.fromS(code))));

    assertThat(source.all())
        .singleElement()
        .satisfies(f -> assertThat(f.referral().outcome()).isEqualTo("NOT_ARRIVED"));
  }

  @Test
  void all_handsEachMonthsAnswersToThatMonthsReferrals() {
    registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(1), true));
    String second =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(2), true)).referralCode();
    String third =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(3), true)).referralCode();
    registrations.recordOutcome(second, JSON, "{\"outcome\":\"NOT_ARRIVED\"}".getBytes());
    registrations.recordOutcome(third, JSON, "{\"outcome\":\"ARRIVED\"}".getBytes());

    assertThat(source.all())
        .extracting(f -> f.referral().outcome())
        .containsExactly("ARRIVED", "NOT_ARRIVED", null);
  }

  @Test
  void all_pagesThroughMoreThanOneScanPage() {
    for (int n = 0; n < 40; n++) {
      registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(n), n % 2 == 0));
    }
    // 60 items (40 registrations, 20 referral codes) in pages of 7.
    DynamoDbContactFactsSource paged =
        new DynamoDbContactFactsSource(emulator.functionsDynamoDb(), table, 7);

    assertThat(paged.all()).hasSize(40).isEqualTo(source.all());
  }
}
