package be.helpline.insights.core.registration;

import be.helpline.insights.core.json.JsonTree;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One de-identified contact, as validated by {@link RegistrationInput}: a date and codes of the
 * vocabulary, nothing else. Sets are lists in the vocabulary's order without duplicates, so that
 * two bodies that say the same thing have the same {@link #canonicalJson()} and {@link #hash()}.
 *
 * @param selfConcern empty unless callerGroup is SELF
 * @param referral null unless support holds REFERRAL
 */
public record Registration(
    String id,
    LocalDate contactDate,
    String channel,
    String callerGroup,
    List<String> selfConcern,
    List<String> topics,
    String pastOffences,
    List<String> justiceHistory,
    String risk,
    List<String> support,
    Referral referral,
    String gender,
    String ageBand,
    String howHeard,
    String firstContact) {

  public static final String SELF = "SELF";
  public static final String REFERRAL = "REFERRAL";

  /** Where a referred person was sent: the kind of centre and its region. */
  public record Referral(String centreType, String region) {
    public Referral {
      Objects.requireNonNull(centreType, "centreType");
      Objects.requireNonNull(region, "region");
    }
  }

  public Registration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contactDate, "contactDate");
    selfConcern = List.copyOf(selfConcern);
    topics = List.copyOf(topics);
    justiceHistory = List.copyOf(justiceHistory);
    support = List.copyOf(support);
  }

  public boolean referred() {
    return support.contains(REFERRAL);
  }

  /** The registration as the API shows it, fields in the SPEC's order; the basis of its hash. */
  public ObjectNode canonicalJson() {
    ObjectNode json = JsonTree.object();
    json.put("id", id);
    json.put("contactDate", contactDate.toString());
    json.put("channel", channel);
    json.put("callerGroup", callerGroup);
    if (callerGroup.equals(SELF)) {
      array(json, "selfConcern", selfConcern);
    }
    array(json, "topics", topics);
    json.put("pastOffences", pastOffences);
    array(json, "justiceHistory", justiceHistory);
    json.put("risk", risk);
    array(json, "support", support);
    if (referral != null) {
      ObjectNode node = json.putObject("referral");
      node.put("centreType", referral.centreType());
      node.put("region", referral.region());
    }
    json.put("gender", gender);
    json.put("ageBand", ageBand);
    json.put("howHeard", howHeard);
    json.put("firstContact", firstContact);
    return json;
  }

  /**
   * SHA-256 of the canonical JSON, hex: what a retry of the same POST is recognised by. It is
   * derived from codes and a date only.
   */
  public String hash() {
    try {
      byte[] canonical = JsonTree.bytes(canonicalJson());
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void array(ObjectNode json, String name, List<String> codes) {
    ArrayNode array = json.putArray(name);
    codes.forEach(array::add);
  }
}
