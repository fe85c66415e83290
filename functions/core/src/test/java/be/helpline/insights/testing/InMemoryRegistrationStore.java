package be.helpline.insights.testing;

import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PreconditionFailedException;
import be.helpline.insights.core.registration.ReferralCodeTakenException;
import be.helpline.insights.core.registration.RegistrationStore;
import be.helpline.insights.core.registration.StoredRegistration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A fake of the registration store for tests without network, with the same rules. */
public final class InMemoryRegistrationStore implements RegistrationStore {
  private final Map<String, StoredRegistration> registrations = new HashMap<>();
  private final Set<String> issuedCodes = new HashSet<>();
  private final Set<String> liveCodes = new HashSet<>();
  private final Map<String, YearMonth> codeMonths = new HashMap<>();
  private final Map<String, String> outcomes = new HashMap<>();

  @Override
  public synchronized Insert insert(StoredRegistration candidate) {
    StoredRegistration stored = registrations.get(candidate.id());
    if (stored != null) {
      return new Insert(stored, false);
    }
    issue(candidate.referralCode(), month(candidate));
    registrations.put(candidate.id(), candidate);
    return new Insert(candidate, true);
  }

  @Override
  public synchronized Optional<StoredRegistration> find(String id) {
    return Optional.ofNullable(registrations.get(id));
  }

  @Override
  public synchronized void replace(StoredRegistration current, StoredRegistration next) {
    StoredRegistration stored = registrations.get(current.id());
    if (stored == null || stored.voided()) {
      throw new NotFoundException("no such registration");
    }
    if (stored.version() != current.version()) {
      throw new PreconditionFailedException("stale");
    }
    if (next.referralCode() != null && !next.referralCode().equals(current.referralCode())) {
      issue(next.referralCode(), month(next));
    } else if (next.referralCode() != null) {
      codeMonths.put(next.referralCode(), month(next));
    }
    if (current.referralCode() != null && !current.referralCode().equals(next.referralCode())) {
      liveCodes.remove(current.referralCode());
    }
    registrations.put(next.id(), next);
  }

  @Override
  public synchronized boolean voidRegistration(StoredRegistration current) {
    StoredRegistration stored = registrations.get(current.id());
    if (stored == null || stored.voided() || stored.version() != current.version()) {
      return false;
    }
    if (stored.referralCode() != null) {
      liveCodes.remove(stored.referralCode());
    }
    registrations.put(
        stored.id(),
        new StoredRegistration(
            stored.registration(),
            stored.version() + 1,
            null,
            true,
            stored.postHash(),
            stored.postReferralCode()));
    return true;
  }

  @Override
  public synchronized OutcomeWrite recordOutcome(
      String referralCode, String outcome, YearMonth lastReleased) {
    if (!liveCodes.contains(referralCode)) {
      return new OutcomeWrite.UnknownCode();
    }
    YearMonth month = codeMonths.get(referralCode);
    if (month != null
        && !month.isAfter(lastReleased)
        && !outcome.equals(outcomes.get(referralCode))) {
      return new OutcomeWrite.Released(month);
    }
    outcomes.put(referralCode, outcome);
    return new OutcomeWrite.Recorded();
  }

  /** The outcome a centre recorded for the code, if any. */
  public synchronized Optional<String> outcome(String referralCode) {
    return Optional.ofNullable(outcomes.get(referralCode));
  }

  /** The contact month a live or retired code is kept with. */
  public synchronized Optional<YearMonth> month(String referralCode) {
    return Optional.ofNullable(codeMonths.get(referralCode));
  }

  private static YearMonth month(StoredRegistration stored) {
    return YearMonth.from(stored.registration().contactDate());
  }

  private void issue(String code, YearMonth month) {
    if (code == null) {
      return;
    }
    if (!issuedCodes.add(code)) {
      throw new ReferralCodeTakenException();
    }
    liveCodes.add(code);
    codeMonths.put(code, month);
  }
}
