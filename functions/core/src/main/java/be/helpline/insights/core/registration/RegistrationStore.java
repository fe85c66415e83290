package be.helpline.insights.core.registration;

import java.util.Optional;

/**
 * Port: registrations and their referral codes. Every method throws a {@code
 * StorageUnavailableException} when storage does not answer.
 */
public interface RegistrationStore {

  /**
   * Stores the candidate unless its id is already stored, atomically with its referral code if it
   * has one; throws {@link ReferralCodeTakenException} when that code was issued before.
   *
   * @return what is stored under the id afterwards, and whether this call stored it
   */
  Insert insert(StoredRegistration candidate);

  /** The outcome of {@link #insert}. */
  record Insert(StoredRegistration stored, boolean created) {}

  Optional<StoredRegistration> find(String id);

  /**
   * Replaces {@code current} by {@code next} if the stored version is still {@code
   * current.version()} and it is not voided; issues {@code next}'s referral code when it is new and
   * retires {@code current}'s when {@code next} no longer has it, in the same atomic write. Throws
   * {@code PreconditionFailedException} for a newer stored version, {@code NotFoundException} when
   * it was voided meanwhile, {@link ReferralCodeTakenException} for an issued code.
   */
  void replace(StoredRegistration current, StoredRegistration next);

  /**
   * Voids the registration and retires its referral code; voiding again changes nothing.
   *
   * @return false when no registration has that id
   */
  boolean voidRegistration(String id);

  /**
   * Records what the centre confirmed for a live referral code, replacing an earlier answer.
   *
   * @return false when the code was never issued or no longer works
   */
  boolean recordOutcome(String referralCode, String outcome);
}
