package be.helpline.insights.core.registration;

import java.util.Objects;

/**
 * A registration as stored: its content and version, its live referral code, whether it was voided,
 * and what its first {@code POST} was answered, so that a retry of that POST gets the same answer
 * after amendments too.
 *
 * @param referralCode the code that works now, or null (no referral, or voided)
 * @param postHash {@link Registration#hash()} of the body the registration was created with
 * @param postReferralCode the referral code the creating POST answered, or null
 */
public record StoredRegistration(
    Registration registration,
    int version,
    String referralCode,
    boolean voided,
    String postHash,
    String postReferralCode) {

  public StoredRegistration {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(postHash, "postHash");
  }

  /** A new registration at version 1. */
  public static StoredRegistration created(Registration registration, String referralCode) {
    return new StoredRegistration(
        registration, 1, referralCode, false, registration.hash(), referralCode);
  }

  public String id() {
    return registration.id();
  }
}
