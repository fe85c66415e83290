package be.helpline.insights.aws.storage;

import be.helpline.insights.aws.storage.DynamoDbException.ConditionalCheckFailedException;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.registration.ReferralCodeSeal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves registrations written before referral codes were sealed to today's shape, once, as the
 * registration function (the only role that can use the key): run it with {@code {"operation":
 * "migrateReferralCodes"}}. Idempotent: a second run finds nothing to do.
 *
 * <ol>
 *   <li>A referral item without a {@code month} gets its registration's contact month, found
 *       through the code the registration still holds in the clear (the last time a code is ever
 *       joined to a registration), and an expiry counted from that month.
 *   <li>A registration item with {@code referralCode} or {@code postReferralCode} in the clear gets
 *       them sealed and loses the clear ones, conditioned on its version: one amended meanwhile was
 *       rewritten sealed by the amendment and is left alone.
 * </ol>
 */
public final class ReferralCodeMigration {
  private final DynamoDbHttp dynamoDb;
  private final String table;
  private final int retentionDays;
  private final ReferralCodeSeal seal;

  public ReferralCodeMigration(
      DynamoDbHttp dynamoDb, String table, int retentionDays, ReferralCodeSeal seal) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.retentionDays = retentionDays;
    this.seal = seal;
  }

  /** What a run did, item counts only (no code, no id). */
  public record Result(
      int referralsDated, int referralsUndated, int registrationsSealed, int changedMeanwhile) {}

  public Result run() {
    List<Map<String, AttributeValue>> legacyRegistrations = new ArrayList<>();
    List<Map<String, AttributeValue>> undatedReferrals = new ArrayList<>();
    try {
      for (Map<String, AttributeValue> item : dynamoDb.scan(DynamoDbHttp.Scan.all(table, true))) {
        if (RegistrationItems.isRegistration(item)
            && (item.containsKey("referralCode") || item.containsKey("postReferralCode"))) {
          legacyRegistrations.add(item);
        } else if (RegistrationItems.isReferral(item) && !item.containsKey("month")) {
          undatedReferrals.add(item);
        }
      }
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("registrations not readable", e);
    }
    Map<String, LocalDate> dayOfCode = new HashMap<>();
    for (Map<String, AttributeValue> item : legacyRegistrations) {
      LocalDate day = LocalDate.parse(item.get("contactDate").s());
      for (String name : List.of("postReferralCode", "referralCode")) {
        if (item.containsKey(name)) {
          dayOfCode.put(item.get(name).s(), day);
        }
      }
    }
    int dated = 0;
    for (Map<String, AttributeValue> referral : undatedReferrals) {
      LocalDate day = dayOfCode.get(RegistrationItems.referralCode(referral));
      if (day != null && date(referral, YearMonth.from(day))) {
        dated++;
      }
    }
    int sealed = 0;
    int changed = 0;
    for (Map<String, AttributeValue> item : legacyRegistrations) {
      if (seal(item)) {
        sealed++;
      } else {
        changed++;
      }
    }
    return new Result(dated, undatedReferrals.size() - dated, sealed, changed);
  }

  private boolean date(Map<String, AttributeValue> referral, YearMonth month) {
    try {
      dynamoDb.updateItem(
          new DynamoDbHttp.Update(
              table,
              Map.of("pk", referral.get("pk"), "sk", referral.get("sk")),
              RegistrationItems.SET_MONTH,
              "attribute_exists(pk) AND attribute_not_exists(#month)",
              RegistrationItems.MONTH_NAME,
              RegistrationItems.monthValues(month, retentionDays)));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("referral not migrated", e);
    }
  }

  private boolean seal(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> sealed =
        RegistrationItems.sealedCodes(
            seal,
            item.get("id").s(),
            RegistrationItems.clearReferralCode(item),
            item.containsKey("postReferralCode") ? item.get("postReferralCode").s() : null);
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    sealed.forEach(
        (name, value) -> {
          values.put(":" + name, value);
          sets.add(name + " = :" + name);
        });
    List<String> removes =
        List.of("referralCode", "postReferralCode").stream().filter(item::containsKey).toList();
    values.put(":version", item.get("version"));
    try {
      dynamoDb.updateItem(
          new DynamoDbHttp.Update(
              table,
              Map.of("pk", item.get("pk"), "sk", item.get("sk")),
              "SET " + String.join(", ", sets) + " REMOVE " + String.join(", ", removes),
              "#version = :version",
              Map.of("#version", "version"),
              values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("registration not migrated", e);
    }
  }
}
