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
   * A referral and a centre's answer.
   *
   * @param outcome {@code ARRIVED}, {@code NOT_ARRIVED}, or {@code null}: an answer given to a
   *     referral code of the same contact month, not necessarily this contact's. Storage cannot tie
   *     an answer to its registration (SPEC privacy rule 10), and statistics count outcomes by
   *     period only, so which referral of a month holds which answer changes no figure ({@code
   *     ContactTablesTest}). Never cross it with anything but the period.
   */
  public record Referral(String centreType, String region, String outcome) {}

  public boolean referred() {
    return referral != null;
  }
}
