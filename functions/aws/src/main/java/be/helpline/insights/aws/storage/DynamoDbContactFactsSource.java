package be.helpline.insights.aws.storage;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactFactsSource;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.registration.Registration;
import be.helpline.insights.core.registration.StoredRegistration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every registration that is not voided, with what the centre confirmed for its live referral, read
 * by one paginated Scan of the registrations table (cost grows with registrations, as SPEC section
 * 4 allows). Only the codes and the date leave this class: no id, no referral code.
 */
public final class DynamoDbContactFactsSource implements ContactFactsSource {
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Integer pageSize;

  public DynamoDbContactFactsSource(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, null);
  }

  /** With {@code pageSize} items per Scan page (null: DynamoDB's 1 MB pages), for tests. */
  DynamoDbContactFactsSource(DynamoDbClient dynamoDb, String table, Integer pageSize) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.pageSize = pageSize;
  }

  @Override
  public List<ContactFacts> all() {
    List<StoredRegistration> registrations = new ArrayList<>();
    Map<String, String> outcomes = new HashMap<>();
    ScanRequest scan =
        ScanRequest.builder().tableName(table).consistentRead(true).limit(pageSize).build();
    try {
      for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(scan).items()) {
        if (RegistrationItems.isRegistration(item)) {
          StoredRegistration stored = RegistrationItems.stored(item);
          if (!stored.voided()) {
            registrations.add(stored);
          }
        } else if (RegistrationItems.isReferral(item)
            && !item.containsKey("retired")
            && item.containsKey("outcome")) {
          outcomes.put(RegistrationItems.referralCode(item), item.get("outcome").s());
        }
      }
    } catch (SdkException e) {
      throw new StorageUnavailableException("registrations not readable", e);
    }
    // Scan order is the table's hash order; sorting makes runs over the same data identical.
    return registrations.stream()
        .sorted(
            Comparator.comparing((StoredRegistration s) -> s.registration().contactDate())
                .thenComparing(StoredRegistration::id))
        .map(stored -> facts(stored, outcomes))
        .toList();
  }

  private static ContactFacts facts(StoredRegistration stored, Map<String, String> outcomes) {
    Registration r = stored.registration();
    ContactFacts.Referral referral =
        r.referral() == null
            ? null
            : new ContactFacts.Referral(
                r.referral().centreType(),
                r.referral().region(),
                stored.referralCode() == null ? null : outcomes.get(stored.referralCode()));
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
