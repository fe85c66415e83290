package be.helpline.insights.aws.storage;

import static be.helpline.insights.aws.storage.RegistrationItems.referralItem;
import static be.helpline.insights.aws.storage.RegistrationItems.referralKey;
import static be.helpline.insights.aws.storage.RegistrationItems.registrationItem;
import static be.helpline.insights.aws.storage.RegistrationItems.registrationKey;

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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

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

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final int retentionDays;
  private final ReferralCodeSeal seal;

  public DynamoDbRegistrationStore(
      DynamoDbClient dynamoDb, String table, int retentionDays, ReferralCodeSeal seal) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.retentionDays = retentionDays;
    this.seal = seal;
  }

  @Override
  public Insert insert(StoredRegistration candidate) {
    List<TransactWriteItem> writes = new ArrayList<>();
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
      // A token per attempt: the SDK's own retries of an attempt are then applied at most once.
      String token = UUID.randomUUID().toString();
      try {
        dynamoDb.transactWriteItems(
            transact -> transact.transactItems(writes).clientRequestToken(token));
        return new Insert(candidate, true);
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
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
      } catch (SdkException e) {
        throw new StorageUnavailableException("registration not stored", e);
      }
    }
  }

  @Override
  public Optional<StoredRegistration> find(String id) {
    GetItemResponse response;
    try {
      response =
          dynamoDb.getItem(
              get -> get.tableName(table).key(registrationKey(id)).consistentRead(true));
    } catch (SdkException e) {
      throw new StorageUnavailableException("registration not readable", e);
    }
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(RegistrationItems.stored(response.item(), seal))
        : Optional.empty();
  }

  @Override
  public void replace(StoredRegistration current, StoredRegistration next) {
    List<TransactWriteItem> writes = new ArrayList<>();
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
      dynamoDb.transactWriteItems(
          transact ->
              transact.transactItems(writes).clientRequestToken(UUID.randomUUID().toString()));
    } catch (TransactionCanceledException e) {
      if (issues && failed(e.cancellationReasons(), 1) && !failed(e.cancellationReasons(), 0)) {
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
    } catch (SdkException e) {
      throw new StorageUnavailableException("registration not amended", e);
    }
  }

  @Override
  public boolean voidRegistration(StoredRegistration current) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .update(
                Update.builder()
                    .tableName(table)
                    .key(registrationKey(current.id()))
                    .updateExpression("SET voided = :true, #version = #version + :one")
                    .conditionExpression("#version = :version AND attribute_not_exists(voided)")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(
                        Map.of(
                            ":true", AttributeValue.fromBool(true),
                            ":one", AttributeValue.fromN("1"),
                            ":version", AttributeValue.fromN(Integer.toString(current.version()))))
                    .build())
            .build());
    if (current.referralCode() != null) {
      writes.add(retire(current.referralCode()));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.transactWriteItems(
            transact ->
                transact.transactItems(writes).clientRequestToken(UUID.randomUUID().toString()));
        return true;
      } catch (TransactionCanceledException e) {
        if (failed(e.cancellationReasons(), 0)) {
          return false;
        }
        // A concurrent transaction on the same items: the same write again, a little later.
        if (attempt == ATTEMPTS) {
          throw new StorageUnavailableException("registration not voided: conflicts", e);
        }
        pause(attempt);
      } catch (SdkException e) {
        throw new StorageUnavailableException("registration not voided", e);
      }
    }
  }

  @Override
  public OutcomeWrite recordOutcome(String referralCode, String outcome, YearMonth lastReleased) {
    try {
      dynamoDb.updateItem(
          update ->
              update
                  .tableName(table)
                  .key(referralKey(referralCode))
                  .updateExpression("SET outcome = :outcome")
                  .conditionExpression(
                      "attribute_exists(pk) AND attribute_not_exists(retired) AND"
                          + " (attribute_not_exists(#month) OR #month > :released"
                          + " OR outcome = :outcome)")
                  .expressionAttributeNames(Map.of("#month", "month"))
                  .expressionAttributeValues(
                      Map.of(
                          ":outcome", AttributeValue.fromS(outcome),
                          ":released", AttributeValue.fromS(lastReleased.toString())))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new OutcomeWrite.Recorded();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
      if (old.isEmpty() || old.containsKey("retired") || !old.containsKey("month")) {
        return new OutcomeWrite.UnknownCode();
      }
      return new OutcomeWrite.Released(YearMonth.parse(old.get("month").s()));
    } catch (SdkException e) {
      throw new StorageUnavailableException("outcome not stored", e);
    }
  }

  private TransactWriteItem put(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
    if (names != null) {
      put.expressionAttributeNames(names);
    }
    if (values != null) {
      put.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  /** A kept code follows its registration to another contact month, and its expiry with it. */
  private TransactWriteItem moveToMonth(String code, YearMonth month) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(referralKey(code))
                .updateExpression(RegistrationItems.SET_MONTH)
                .expressionAttributeNames(RegistrationItems.MONTH_NAME)
                .expressionAttributeValues(RegistrationItems.monthValues(month, retentionDays))
                .build())
        .build();
  }

  private static YearMonth month(StoredRegistration stored) {
    return YearMonth.from(stored.registration().contactDate());
  }

  private TransactWriteItem retire(String code) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(referralKey(code))
                .updateExpression("SET retired = :true")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))
                .build())
        .build();
  }

  private static boolean failed(List<CancellationReason> reasons, int index) {
    return reasons != null
        && reasons.size() > index
        && Objects.equals(reasons.get(index).code(), CONDITION_FAILED);
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
