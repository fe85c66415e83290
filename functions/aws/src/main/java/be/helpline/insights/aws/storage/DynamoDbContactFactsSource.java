package be.helpline.insights.aws.storage;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactFactsSource;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.registration.Registration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every registration that is not voided, and the answers centres gave to live referral codes, read
 * by one paginated Scan of the registrations table (cost grows with registrations, as SPEC section
 * 4 allows). Only the codes and the date leave this class: no id, no referral code.
 *
 * <p>Outcomes are not joined to registrations: a referral item holds its contact month, its answer
 * and whether it was retired, and names no registration (SPEC privacy rule 10). Each month's
 * answers are handed to that month's referred contacts in a fixed order (answers sorted, contacts
 * by date); statistics count outcomes by period only, so which contact of the month holds which
 * answer changes no figure ({@code ContactTablesTest} checks it). Referral items written before
 * months were kept carry none: their month comes from the registration that still holds their code
 * in the clear, until the migration rewrites both.
 */
public final class DynamoDbContactFactsSource implements ContactFactsSource {
  private final DynamoDbHttp dynamoDb;
  private final String table;
  private final Integer pageSize;

  public DynamoDbContactFactsSource(DynamoDbHttp dynamoDb, String table) {
    this(dynamoDb, table, null);
  }

  /** With {@code pageSize} items per Scan page (null: DynamoDB's 1 MB pages), for tests. */
  DynamoDbContactFactsSource(DynamoDbHttp dynamoDb, String table, Integer pageSize) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.pageSize = pageSize;
  }

  @Override
  public List<ContactFacts> all() {
    List<Live> registrations = new ArrayList<>();
    Map<YearMonth, List<String>> answers = new TreeMap<>();
    Map<String, String> legacyAnswers = new HashMap<>();
    DynamoDbHttp.Scan scan = new DynamoDbHttp.Scan(table, null, null, null, true, pageSize);
    try {
      for (Map<String, AttributeValue> item : dynamoDb.scan(scan)) {
        if (RegistrationItems.isRegistration(item)) {
          if (!RegistrationItems.voided(item)) {
            registrations.add(
                new Live(
                    RegistrationItems.registration(item),
                    RegistrationItems.clearReferralCode(item)));
          }
        } else if (RegistrationItems.isReferral(item)
            && !item.containsKey("retired")
            && item.containsKey("outcome")) {
          String outcome = item.get("outcome").s();
          if (item.containsKey("month")) {
            answers
                .computeIfAbsent(YearMonth.parse(item.get("month").s()), m -> new ArrayList<>())
                .add(outcome);
          } else {
            legacyAnswers.put(RegistrationItems.referralCode(item), outcome);
          }
        }
      }
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("registrations not readable", e);
    }
    for (Live live : registrations) {
      String legacy = live.clearCode() == null ? null : legacyAnswers.get(live.clearCode());
      if (legacy != null && live.registration().referral() != null) {
        answers
            .computeIfAbsent(
                YearMonth.from(live.registration().contactDate()), m -> new ArrayList<>())
            .add(legacy);
      }
    }
    answers.values().forEach(Collections::sort);
    // Scan order is the table's hash order; sorting makes runs over the same data identical.
    List<ContactFacts> facts = new ArrayList<>();
    Map<YearMonth, Integer> handedOut = new HashMap<>();
    registrations.stream()
        .map(Live::registration)
        .sorted(Comparator.comparing(Registration::contactDate).thenComparing(Registration::id))
        .forEach(
            registration -> {
              YearMonth month = YearMonth.from(registration.contactDate());
              String outcome = null;
              if (registration.referral() != null) {
                List<String> ofMonth = answers.getOrDefault(month, List.of());
                int next = handedOut.merge(month, 1, Integer::sum) - 1;
                outcome = next < ofMonth.size() ? ofMonth.get(next) : null;
              }
              facts.add(facts(registration, outcome));
            });
    return facts;
  }

  /**
   * A registration that is not voided, and its live code where it is still in the clear (items
   * written before codes were sealed); the aggregator cannot open sealed codes, and needs none.
   */
  private record Live(Registration registration, String clearCode) {}

  private static ContactFacts facts(Registration r, String outcome) {
    ContactFacts.Referral referral =
        r.referral() == null
            ? null
            : new ContactFacts.Referral(r.referral().centreType(), r.referral().region(), outcome);
    return new ContactFacts(
        r.contactDate(),
        r.channel(),
        r.callerGroup(),
        r.gender(),
        r.ageBand(),
        r.howHeard(),
        r.firstContact(),
        r.risk(),
        r.pastOffences(),
        java.util.Set.copyOf(r.topics()),
        referral);
  }
}
