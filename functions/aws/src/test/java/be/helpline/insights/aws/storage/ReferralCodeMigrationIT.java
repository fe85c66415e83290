package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.AesSeal;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.registration.Registrations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store written the old way (codes in the clear on registration items, referral items dated by
 * the contact day) moves to sealed codes and month-dated referrals, once, against moto; the facts
 * the aggregator reads, and so every figure, are the same before and after.
 */
class ReferralCodeMigrationIT {
  private static final String JSON = "application/json";

  private final Emulator emulator = Emulator.moto();
  private final String table = emulator.newTable("registrations");
  private final AesSeal seal = new AesSeal();
  private final DynamoDbRegistrationStore store =
      new DynamoDbRegistrationStore(emulator.functionsDynamoDb(), table, 3650, seal);
  private final Registrations registrations =
      DynamoDbRegistrationStoreIT.registrations(store, "2020-04-16T10:00:00Z");
  private final DynamoDbContactFactsSource source =
      new DynamoDbContactFactsSource(
          new DynamoDbHttp(
              emulator.config(), AwsClients.Budget.BATCH, DynamoDbHttp.Retries.STANDARD),
          table);
  private final ReferralCodeMigration migration =
      new ReferralCodeMigration(emulator.functionsDynamoDb(), table, 3650, seal);

  private static String id(int n) {
    return "00000000-0000-4000-8000-%012d".formatted(n);
  }

  private List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    emulator.functionsDynamoDb().scan(DynamoDbHttp.Scan.all(table, true)).forEach(items::add);
    return items;
  }

  /** Every name and value of the items, as text (AttributeValue's own text is its type only). */
  private static String text(List<Map<String, AttributeValue>> items) {
    StringBuilder text = new StringBuilder();
    items.forEach(
        item ->
            item.forEach(
                (name, value) -> text.append(name).append('=').append(text(value)).append(' ')));
    return text.toString();
  }

  private static String text(AttributeValue value) {
    if (value.b() != null) {
      return java.util.Base64.getEncoder().encodeToString(value.b());
    }
    if (value.l() != null) {
      return value.l().stream().map(ReferralCodeMigrationIT::text).toList().toString();
    }
    if (value.m() != null) {
      return text(List.of(value.m()));
    }
    return String.valueOf(
        value.s() != null ? value.s() : value.n() != null ? value.n() : value.bool());
  }

  /** Rewrites every item as the code before sealing and months wrote it. */
  private void writeTheOldWay() {
    for (Map<String, AttributeValue> item : items()) {
      Map<String, AttributeValue> old = new HashMap<>(item);
      if (RegistrationItems.isRegistration(item)) {
        String id = item.get("id").s();
        for (String name : List.of("ReferralCode", "PostReferralCode")) {
          AttributeValue sealed = old.remove("sealed" + name);
          if (sealed != null) {
            String clear = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            old.put(clear, AttributeValue.fromS(seal.open(id, sealed.b())));
          }
        }
      } else {
        old.remove("month");
      }
      emulator.functionsDynamoDb().putItem(new DynamoDbHttp.Put(table, old));
    }
  }

  @Test
  void migration_sealsClearCodes_datesReferralsByMonth_once_andChangesNoFigure() {
    String arrived =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(1), true)).referralCode();
    String pending =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(2), true)).referralCode();
    registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(3), false));
    String voided =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(4), true)).referralCode();
    String dropped =
        registrations.register(JSON, DynamoDbRegistrationStoreIT.body(id(5), true)).referralCode();
    registrations.recordOutcome(arrived, JSON, "{\"outcome\":\"ARRIVED\"}".getBytes());
    registrations.recordOutcome(voided, JSON, "{\"outcome\":\"NOT_ARRIVED\"}".getBytes());
    registrations.recordOutcome(dropped, JSON, "{\"outcome\":\"NOT_ARRIVED\"}".getBytes());
    registrations.voidRegistration(id(4));
    registrations.amend(
        id(5), Optional.of("\"1\""), JSON, DynamoDbRegistrationStoreIT.body(id(5), false));
    writeTheOldWay();
    assertThat(text(items())).contains(arrived, pending);
    List<ContactFacts> before = source.all();

    ReferralCodeMigration.Result first = migration.run();
    ReferralCodeMigration.Result second = migration.run();

    assertThat(first).isEqualTo(new ReferralCodeMigration.Result(4, 0, 4, 0));
    assertThat(second).isEqualTo(new ReferralCodeMigration.Result(0, 0, 0, 0));
    assertThat(source.all()).isEqualTo(before);
    assertThat(before.stream().filter(ContactFacts::referred).map(f -> f.referral().outcome()))
        .containsExactly("ARRIVED", null);
    for (Map<String, AttributeValue> item : items()) {
      if (RegistrationItems.isRegistration(item)) {
        assertThat(item).doesNotContainKeys("referralCode", "postReferralCode");
        assertThat(text(List.of(item))).doesNotContain(arrived, pending, voided, dropped);
      } else {
        assertThat(item.get("month").s()).isEqualTo("2020-04");
        assertThat(item.get("expiresAt").n())
            .isEqualTo(
                Long.toString(
                    RegistrationItems.referralExpiresAt(java.time.YearMonth.of(2020, 4), 3650)));
      }
    }
    assertThat(store.find(id(1)).orElseThrow().referralCode()).isEqualTo(arrived);
    assertThat(store.find(id(5)).orElseThrow().postReferralCode()).isEqualTo(dropped);
    assertThat(store.find(id(5)).orElseThrow().referralCode()).isNull();
  }
}
