package be.helpline.insights.core.registration;

/**
 * A store found the new referral code already issued (about one chance in 10^14 per code): the use
 * case draws another and tries again. Never reaches a caller.
 */
public final class ReferralCodeTakenException extends RuntimeException {
  public ReferralCodeTakenException() {
    super("referral code already issued", null, false, false);
  }
}
