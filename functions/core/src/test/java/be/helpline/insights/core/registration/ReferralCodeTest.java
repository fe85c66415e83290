package be.helpline.insights.core.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferralCodeTest {
  private final ReferralCode codes = ReferralCode.secure();

  @Test
  void next_carriesAtLeast40BitsFromAnAlphabetWithoutLookAlikes() {
    assertThat(ReferralCode.ALPHABET).doesNotContain("0", "O", "1", "I", "L");
    double bits = ReferralCode.LENGTH * Math.log(ReferralCode.ALPHABET.length()) / Math.log(2);
    assertThat(bits).isGreaterThanOrEqualTo(40);
    assertThat(codes.next())
        .matches("[" + ReferralCode.ALPHABET + "]{5}-[" + ReferralCode.ALPHABET + "]{5}");
  }

  @Test
  void next_usesEveryCharacterAndRepeatsNoCode() {
    Set<String> seen = new HashSet<>();
    Set<Character> characters = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = codes.next();
      assertThat(seen.add(code)).as("code repeated").isTrue();
      code.replace("-", "").chars().forEach(c -> characters.add((char) c));
    }
    assertThat(characters).hasSize(ReferralCode.ALPHABET.length());
  }

  @Test
  void next_dependsOnlyOnTheRandomSource() throws Exception {
    SecureRandom first = SecureRandom.getInstance("SHA1PRNG");
    first.setSeed(42L);
    SecureRandom second = SecureRandom.getInstance("SHA1PRNG");
    second.setSeed(42L);

    assertThat(new ReferralCode(first).next()).isEqualTo(new ReferralCode(second).next());
  }

  @Test
  void parse_acceptsWhatACentreTypes_andRefusesTheRest() {
    assertThat(ReferralCode.parse(" k7qmx-2hrpw ")).contains("K7QMX-2HRPW");
    assertThat(ReferralCode.parse("K7QMX2HRPW")).isEmpty();
    assertThat(ReferralCode.parse("K7QMX-2HRP0")).isEmpty();
    assertThat(ReferralCode.parse("")).isEmpty();
    assertThat(ReferralCode.parse(null)).isEmpty();
  }
}
