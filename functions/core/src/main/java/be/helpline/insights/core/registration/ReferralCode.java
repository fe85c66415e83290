package be.helpline.insights.core.registration;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Referral codes such as {@code K7QMX-2HRPW}: ten characters drawn from a secure random source out
 * of 31 that cannot be mistaken for one another (no 0/O, 1/I/L), so about 49.5 bits, and unrelated
 * to the registration, the date or anything else. A person takes the code to a treatment centre,
 * which confirms the arrival with it.
 */
public final class ReferralCode {
  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  static final int LENGTH = 10;
  private static final Pattern FORMAT =
      Pattern.compile("[" + ALPHABET + "]{5}-[" + ALPHABET + "]{5}");

  private final SecureRandom random;

  public ReferralCode(SecureRandom random) {
    this.random = random;
  }

  public static ReferralCode secure() {
    return new ReferralCode(new SecureRandom());
  }

  public String next() {
    StringBuilder code = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * The code as issued, from what a centre typed (any case, surrounding spaces); empty when it
   * cannot be a code.
   */
  public static Optional<String> parse(String typed) {
    if (typed == null || typed.length() > 2 * LENGTH) {
      return Optional.empty();
    }
    String code = typed.strip().toUpperCase(Locale.ROOT);
    return FORMAT.matcher(code).matches() ? Optional.of(code) : Optional.empty();
  }
}
