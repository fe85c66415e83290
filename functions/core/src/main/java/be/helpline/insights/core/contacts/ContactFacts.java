package be.helpline.insights.core.contacts;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the statistics may know of one registered, not voided, contact: its date and codes of the
 * vocabulary, nothing else (no id, no referral code, no staff identity). The aggregator reads these
 * from storage and publishes only disclosure-controlled counts of them.
 *
 * @param referral the referral, or {@code null} when support did not include REFERRAL
 */
public record ContactFacts(
    LocalDate contactDate,
    String channel,
    String callerGroup,
    String gender,
    String ageBand,
    String howHeard,
    String firstContact,
    String risk,
    String pastOffences,
    Set<String> topics,
    Referral referral) {

  public ContactFacts {
    Objects.requireNonNull(contactDate, "contactDate");
    topics = Set.copyOf(topics);
  }

  /**
   * A referral and what the centre confirmed.
   *
   * @param outcome {@code ARRIVED}, {@code NOT_ARRIVED}, or {@code null} while no centre answered
   */
  public record Referral(String centreType, String region, String outcome) {}

  public boolean referred() {
    return referral != null;
  }
}
