package be.helpline.insights.aws.storage;

import static be.helpline.insights.aws.storage.RegistrationItems.referralItem;
import static be.helpline.insights.aws.storage.RegistrationItems.referralKey;
import static be.helpline.insights.aws.storage.RegistrationItems.registrationItem;
import static be.helpline.insights.aws.storage.RegistrationItems.registrationKey;

import be.helpline.insights.aws.storage.DynamoDbException.ConditionalCheckFailedException;
import be.helpline.insights.aws.storage.DynamoDbException.TransactionCanceledException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.registration.ReferralCodeSeal;
import be.helpline.insights.core.registration.ReferralCodeTakenException;
import be.helpline.insights.core.registration.RegistrationStore;
import be.helpline.insights.core.registration.StoredRegistration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Registrations in DynamoDB (items: see {@link RegistrationItems}). Every invariant is a condition
 * of the write itself, never a read before it:
 *
 * <ul>
 *   <li>create: the registration item {@code attribute_not_exists(pk)}, with a referral the code's
 *       item {@code attribute_not_exists(pk)} too, in one transaction; when the registration
 *       condition fails (or concurrent writers conflict) what is stored is read back, strongly
 *       consistent, and answered from;
 *   <li>amend: the new item conditioned on {@code version = <read version>} and not voided, with
 *       the issue or retirement of a referral code, or the move of a kept code to the new contact
 *       month, in the same transaction;
 *   <li>void: {@code voided} set, version incremented, conditioned on the version read, and the
 *       code retired in the same transaction;
 *   <li>outcome: one update of the code's item, conditioned on it existing, not retired, and its
 *       month's outcomes not released unless the answer is the one stored ("YYYY-MM" months compare
 *       as strings).
 * </ul>
 */
public final class DynamoDbRegistrationStore implements RegistrationStore {
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final int ATTEMPTS = 5;

  private final DynamoDbHttp dynamoDb;
  private final String table;
  private final int retentionDays;
  private final ReferralCodeSeal seal;

  public DynamoDbRegistrationStore(
      DynamoDbHttp dynamoDb, String table, int retentionDays, ReferralCodeSeal seal) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.retentionDays = retentionDays;
    this.seal = seal;
  }

  @Override
  public Insert insert(StoredRegistration candidate) {
    List<Object> writes = new ArrayList<>();
    writes.add(
        put(
            registrationItem(candidate, retentionDays, seal),
            "attribute_not_exists(pk)",
            null,
            null));
    if (candidate.referralCode() != null) {
      writes.add(
          put(
              referralItem(candidate.referralCode(), month(candidate), retentionDays),
              "attribute_not_exists(pk)",
              null,
              null));
    }
    for (int attempt = 1; ; attempt++) {
      // A token per attempt: the client's own retries of an attempt are then applied at most once.
      try {
        dynamoDb.transactWriteItems(writes, UUID.randomUUID().toString());
        return new Insert(candidate, true);
      } catch (TransactionCanceledException e) {
        List<String> reasons = e.reasons();
        if (failed(reasons, 1) && !failed(reasons, 0)) {
          throw new ReferralCodeTakenException();
        }
        // The id is taken, or a concurrent write of it is in flight: answer from what is stored.
        Optional<StoredRegistration> stored = find(candidate.id());
        if (stored.isPresent()) {
          return new Insert(stored.get(), false);
        }
        if (attempt == ATTEMPTS) {
          throw new StorageUnavailableException("registration not stored: conflicts", e);
        }
        pause(attempt);
      } catch (DynamoDbException e) {
        throw new StorageUnavailableException("registration not stored", e);
      }
    }
  }

  @Override
  public Optional<StoredRegistration> find(String id) {
    Map<String, AttributeValue> item;
    try {
      item = dynamoDb.getItem(table, registrationKey(id), true);
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("registration not readable", e);
    }
    return item.isEmpty() ? Optional.empty() : Optional.of(RegistrationItems.stored(item, seal));
  }

  @Override
  public void replace(StoredRegistration current, StoredRegistration next) {
    List<Object> writes = new ArrayList<>();
    writes.add(
        put(
            registrationItem(next, retentionDays, seal),
            "#version = :version AND attribute_not_exists(voided)",
            Map.of("#version", "version"),
            Map.of(":version", AttributeValue.fromN(Integer.toString(current.version())))));
    String issued = next.referralCode();
    String retired = current.referralCode();
    boolean issues = issued != null && !issued.equals(retired);
    if (issues) {
      writes.add(
          put(
              referralItem(issued, month(next), retentionDays),
              "attribute_not_exists(pk)",
              null,
              null));
    } else if (issued != null) {
      writes.add(moveToMonth(issued, month(next)));
    }
    if (retired != null && !retired.equals(issued)) {
      writes.add(retire(retired));
    }
    try {
      dynamoDb.transactWriteItems(writes, UUID.randomUUID().toString());
    } catch (TransactionCanceledException e) {
      if (issues && failed(e.reasons(), 1) && !failed(e.reasons(), 0)) {
        throw new ReferralCodeTakenException();
      }
      StoredRegistration stored =
          find(current.id())
              .filter(found -> !found.voided())
              .orElseThrow(() -> new NotFoundException("no such registration"));
      if (stored.version() != current.version()) {
        throw new PreconditionFailedException(
            "the registration changed meanwhile; its version is now " + stored.version());
      }
      throw new StorageUnavailableException("registration not amended: conflict", e);
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("registration not amended", e);
    }
  }

  @Override
  public boolean voidRegistration(StoredRegistration current) {
    List<Object> writes = new ArrayList<>();
    writes.add(
        new DynamoDbHttp.Update(
            table,
            registrationKey(current.id()),
            "SET voided = :true, #version = #version + :one",
            "#version = :version AND attribute_not_exists(voided)",
            Map.of("#version", "version"),
            Map.of(
                ":true", AttributeValue.fromBool(true),
                ":one", AttributeValue.fromN("1"),
                ":version", AttributeValue.fromN(Integer.toString(current.version())))));
    if (current.referralCode() != null) {
      writes.add(retire(current.referralCode()));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(writes, UUID.randomUUID().toString());
        return true;
      } catch (TransactionCanceledException e) {
        if (failed(e.reasons(), 0)) {
          return false;
        }
        // A concurrent transaction on the same items: the same write again, a little later.
        if (attempt == ATTEMPTS) {
          throw new StorageUnavailableException("registration not voided: conflicts", e);
        }
        pause(attempt);
      } catch (DynamoDbException e) {
        throw new StorageUnavailableException("registration not voided", e);
      }
    }
  }

  @Override
  public OutcomeWrite recordOutcome(String referralCode, String outcome, YearMonth lastReleased) {
    try {
      dynamoDb.updateItemOrReadOld(
          new DynamoDbHttp.Update(
              table,
              referralKey(referralCode),
              "SET outcome = :outcome",
              "attribute_exists(pk) AND attribute_not_exists(retired) AND"
                  + " (attribute_not_exists(#month) OR #month > :released"
                  + " OR outcome = :outcome)",
              Map.of("#month", "month"),
              Map.of(
                  ":outcome", AttributeValue.fromS(outcome),
                  ":released", AttributeValue.fromS(lastReleased.toString()))));
      return new OutcomeWrite.Recorded();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item();
      if (old.isEmpty() || old.containsKey("retired") || !old.containsKey("month")) {
        return new OutcomeWrite.UnknownCode();
      }
      return new OutcomeWrite.Released(YearMonth.parse(old.get("month").s()));
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("outcome not stored", e);
    }
  }

  private DynamoDbHttp.Put put(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return new DynamoDbHttp.Put(table, item, condition, names, values);
  }

  /** A kept code follows its registration to another contact month, and its expiry with it. */
  private DynamoDbHttp.Update moveToMonth(String code, YearMonth month) {
    return new DynamoDbHttp.Update(
        table,
        referralKey(code),
        RegistrationItems.SET_MONTH,
        null,
        RegistrationItems.MONTH_NAME,
        RegistrationItems.monthValues(month, retentionDays));
  }

  private static YearMonth month(StoredRegistration stored) {
    return YearMonth.from(stored.registration().contactDate());
  }

  private DynamoDbHttp.Update retire(String code) {
    return new DynamoDbHttp.Update(
        table,
        referralKey(code),
        "SET retired = :true",
        null,
        null,
        Map.of(":true", AttributeValue.fromBool(true)));
  }

  private static boolean failed(List<String> reasons, int index) {
    return reasons.size() > index && Objects.equals(reasons.get(index), CONDITION_FAILED);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(10L * attempt + (long) (Math.random() * 20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted", e);
    }
  }
}
