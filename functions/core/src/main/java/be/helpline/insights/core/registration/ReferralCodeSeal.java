package be.helpline.insights.core.registration;

/**
 * Port: keeps a registration's referral code so that only the registration function can read it
 * back (SPEC privacy rule 10). Whoever holds a code and every stored item, but not the key, cannot
 * find the registration the code came from: the sealed bytes differ each time and reveal nothing of
 * the code without the key.
 */
public interface ReferralCodeSeal {

  /** The code, sealed to this registration; throws {@code StorageUnavailableException}. */
  byte[] seal(String registrationId, String code);

  /**
   * The code sealed to this registration; throws {@code StorageUnavailableException} when the key
   * cannot be reached or the bytes were sealed to another registration.
   */
  String open(String registrationId, byte[] sealed);
}
