package be.helpline.insights.core.registration;

import java.time.YearMonth;
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
   * current.version()} and it is not voided; issues {@code next}'s referral code when it is new,
   * retires {@code current}'s when {@code next} no longer has it, and moves a kept code to {@code
   * next}'s contact month, in the same atomic write. Throws {@code PreconditionFailedException} for
   * a newer stored version, {@code NotFoundException} when it was voided meanwhile, {@link
   * ReferralCodeTakenException} for an issued code.
   */
  void replace(StoredRegistration current, StoredRegistration next);

  /**
   * Voids {@code current} and retires its referral code in one atomic write, if the stored version
   * is still {@code current.version()} and it is not voided.
   *
   * @return false when it was amended or voided meanwhile: read it again
   */
  boolean voidRegistration(StoredRegistration current);

  /**
   * Records what the centre confirmed for a live referral code, replacing an earlier answer, in one
   * conditional write: a code whose contact month is {@code lastReleased} or earlier (its outcomes
   * are released) only takes the answer already stored, which changes nothing. A code stored
   * without its month (before months were kept) takes any answer.
   */
  OutcomeWrite recordOutcome(String referralCode, String outcome, YearMonth lastReleased);

  /** What {@link #recordOutcome} came to. */
  sealed interface OutcomeWrite {
    /** The answer is stored (or was already). */
    record Recorded() implements OutcomeWrite {}

    /** The code was never issued or no longer works. */
    record UnknownCode() implements OutcomeWrite {}

    /** Refused: the outcomes of the code's contact month are released. */
    record Released(YearMonth month) implements OutcomeWrite {}
  }
}
