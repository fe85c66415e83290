package be.helpline.insights.aws.storage;

import be.helpline.insights.core.registration.ReferralCodeSeal;
import be.helpline.insights.core.registration.Registration;
import be.helpline.insights.core.registration.StoredRegistration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of the registrations table, shared by the store and the aggregator's reader.
 *
 * <ul>
 *   <li>{@code pk = registration#<id>}, {@code sk = registration}: the codes and the date, {@code
 *       version}, the live referral code sealed ({@code sealedReferralCode}, see {@link
 *       ReferralCodeSeal}: never in the clear, nor any unkeyed function of it), {@code voided}
 *       (only once voided), {@code postHash} and {@code sealedPostReferralCode} (the creating
 *       POST's content hash and answer), {@code expiresAt} (TTL). Items written before codes were
 *       sealed hold {@code referralCode} and {@code postReferralCode} in the clear until the
 *       migration ({@code ReferralCodeMigration}) seals them.
 *   <li>{@code pk = referral#<code>}, {@code sk = referral}: {@code month} (the contact month,
 *       {@code 2020-04}: when its outcomes are released), {@code outcome} once a centre answered,
 *       {@code retired} once the code stopped working (voided, or amended away), {@code expiresAt}
 *       (derived from the month). It names no registration: the code is the only link; and nothing
 *       on it narrows the code to a day (SPEC privacy rule 10). Items stored before months were
 *       kept have no {@code month} and an {@code expiresAt} from the contact day.
 * </ul>
 *
 * Sets are lists in the vocabulary's order (a DynamoDB set cannot be empty).
 */
final class RegistrationItems {
  static final String REGISTRATION = "registration";
  static final String REFERRAL = "referral";

  private RegistrationItems() {}

  static Map<String, AttributeValue> registrationKey(String id) {
    return Map.of(
        "pk",
        AttributeValue.fromS(REGISTRATION + "#" + id),
        "sk",
        AttributeValue.fromS(REGISTRATION));
  }

  static Map<String, AttributeValue> referralKey(String code) {
    return Map.of(
        "pk", AttributeValue.fromS(REFERRAL + "#" + code), "sk", AttributeValue.fromS(REFERRAL));
  }

  static long expiresAt(LocalDate contactDate, int retentionDays) {
    return contactDate.plusDays(retentionDays).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  /**
   * A referral code's expiry: the retention counted from the end of its contact month, so that the
   * expiry dates the code no closer than its month.
   */
  static long referralExpiresAt(YearMonth month, int retentionDays) {
    return expiresAt(month.atEndOfMonth(), retentionDays);
  }

  /**
   * An update that dates a referral item to its contact month, with the expiry that goes with it.
   */
  static final String SET_MONTH = "SET #month = :month, expiresAt = :expiresAt";

  static final Map<String, String> MONTH_NAME = Map.of("#month", "month");

  /** The values of {@link #SET_MONTH}. */
  static Map<String, AttributeValue> monthValues(YearMonth month, int retentionDays) {
    return Map.of(
        ":month",
        AttributeValue.fromS(month.toString()),
        ":expiresAt",
        AttributeValue.fromN(Long.toString(referralExpiresAt(month, retentionDays))));
  }

  static Map<String, AttributeValue> registrationItem(
      StoredRegistration stored, int retentionDays, ReferralCodeSeal seal) {
    Registration registration = stored.registration();
    Map<String, AttributeValue> item = new HashMap<>(registrationKey(registration.id()));
    item.put("id", AttributeValue.fromS(registration.id()));
    item.put("contactDate", AttributeValue.fromS(registration.contactDate().toString()));
    item.put("channel", AttributeValue.fromS(registration.channel()));
    item.put("callerGroup", AttributeValue.fromS(registration.callerGroup()));
    item.put("selfConcern", list(registration.selfConcern()));
    item.put("topics", list(registration.topics()));
    item.put("pastOffences", AttributeValue.fromS(registration.pastOffences()));
    item.put("justiceHistory", list(registration.justiceHistory()));
    item.put("risk", AttributeValue.fromS(registration.risk()));
    item.put("support", list(registration.support()));
    if (registration.referral() != null) {
      item.put("centreType", AttributeValue.fromS(registration.referral().centreType()));
      item.put("region", AttributeValue.fromS(registration.referral().region()));
    }
    item.put("gender", AttributeValue.fromS(registration.gender()));
    item.put("ageBand", AttributeValue.fromS(registration.ageBand()));
    item.put("howHeard", AttributeValue.fromS(registration.howHeard()));
    item.put("firstContact", AttributeValue.fromS(registration.firstContact()));
    item.put("version", AttributeValue.fromN(Integer.toString(stored.version())));
    item.putAll(
        sealedCodes(seal, registration.id(), stored.referralCode(), stored.postReferralCode()));
    if (stored.voided()) {
      item.put("voided", AttributeValue.fromBool(true));
    }
    item.put("postHash", AttributeValue.fromS(stored.postHash()));
    item.put(
        "expiresAt",
        AttributeValue.fromN(Long.toString(expiresAt(registration.contactDate(), retentionDays))));
    return item;
  }

  static Map<String, AttributeValue> referralItem(String code, YearMonth month, int retentionDays) {
    Map<String, AttributeValue> item = new HashMap<>(referralKey(code));
    item.put("month", AttributeValue.fromS(month.toString()));
    item.put(
        "expiresAt", AttributeValue.fromN(Long.toString(referralExpiresAt(month, retentionDays))));
    return item;
  }

  static boolean isRegistration(Map<String, AttributeValue> item) {
    return REGISTRATION.equals(text(item, "sk"));
  }

  static boolean isReferral(Map<String, AttributeValue> item) {
    return REFERRAL.equals(text(item, "sk"));
  }

  /** The code of a referral item. */
  static String referralCode(Map<String, AttributeValue> item) {
    return text(item, "pk").substring(REFERRAL.length() + 1);
  }

  /** A registration item as the registration function reads it: its codes opened. */
  static StoredRegistration stored(Map<String, AttributeValue> item, ReferralCodeSeal seal) {
    String id = text(item, "id");
    String live = code(item, "sealedReferralCode", "referralCode", id, seal);
    AttributeValue sealedLive = item.get("sealedReferralCode");
    String post =
        sealedLive != null && sealedLive.equals(item.get("sealedPostReferralCode"))
            ? live // the same bytes: one KMS call opens both
            : code(item, "sealedPostReferralCode", "postReferralCode", id, seal);
    return new StoredRegistration(
        registration(item),
        Integer.parseInt(item.get("version").n()),
        live,
        voided(item),
        text(item, "postHash"),
        post);
  }

  static boolean voided(Map<String, AttributeValue> item) {
    return item.containsKey("voided") && Boolean.TRUE.equals(item.get("voided").bool());
  }

  /** The live code an item written before codes were sealed holds in the clear, or null. */
  static String clearReferralCode(Map<String, AttributeValue> item) {
    return text(item, "referralCode");
  }

  private static String code(
      Map<String, AttributeValue> item,
      String sealedName,
      String clearName,
      String id,
      ReferralCodeSeal seal) {
    AttributeValue sealed = item.get(sealedName);
    if (sealed != null && sealed.b() != null) {
      return seal.open(id, sealed.b());
    }
    return text(item, clearName);
  }

  /**
   * {@code sealedReferralCode} and {@code sealedPostReferralCode} of a registration's live code and
   * its first answer's code (either may be null). The first answer's code is usually the live one:
   * then one KMS call seals both, and {@link #stored} opens both with one.
   */
  static Map<String, AttributeValue> sealedCodes(
      ReferralCodeSeal seal, String id, String live, String post) {
    Map<String, AttributeValue> sealed = new HashMap<>();
    AttributeValue sealedLive = live == null ? null : sealed(seal, id, live);
    if (sealedLive != null) {
      sealed.put("sealedReferralCode", sealedLive);
    }
    if (post != null) {
      sealed.put("sealedPostReferralCode", post.equals(live) ? sealedLive : sealed(seal, id, post));
    }
    return sealed;
  }

  private static AttributeValue sealed(ReferralCodeSeal seal, String id, String code) {
    return AttributeValue.fromB(seal.seal(id, code));
  }

  static Registration registration(Map<String, AttributeValue> item) {
    String centreType = text(item, "centreType");
    return new Registration(
        text(item, "id"),
        LocalDate.parse(text(item, "contactDate")),
        text(item, "channel"),
        text(item, "callerGroup"),
        codes(item, "selfConcern"),
        codes(item, "topics"),
        text(item, "pastOffences"),
        codes(item, "justiceHistory"),
        text(item, "risk"),
        codes(item, "support"),
        centreType == null ? null : new Registration.Referral(centreType, text(item, "region")),
        text(item, "gender"),
        text(item, "ageBand"),
        text(item, "howHeard"),
        text(item, "firstContact"));
  }

  static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static AttributeValue list(List<String> codes) {
    return AttributeValue.fromL(codes.stream().map(AttributeValue::fromS).toList());
  }

  private static List<String> codes(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.l() == null
        ? List.of()
        : value.l().stream().map(AttributeValue::s).toList();
  }
}
