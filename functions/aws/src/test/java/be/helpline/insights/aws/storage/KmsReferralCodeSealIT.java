package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Referral codes sealed and opened with KMS (moto), through the two signed requests. */
class KmsReferralCodeSealIT {
  private static final String ID = "00000000-0000-4000-8000-000000000001";
  private static final String CODE = "K7QMX-2HRPW";

  private final Emulator emulator = Emulator.moto();
  private final KmsReferralCodeSeal seal =
      new KmsReferralCodeSeal(
          AwsClients.http(AwsClients.Budget.REQUEST), emulator.config(), emulator.newKey());

  @Test
  void seal_thenOpen_givesTheCodeBack_andSealsDifferentlyEachTime() {
    byte[] first = seal.seal(ID, CODE);
    byte[] second = seal.seal(ID, CODE);

    assertThat(seal.open(ID, first)).isEqualTo(CODE);
    assertThat(seal.open(ID, second)).isEqualTo(CODE);
    assertThat(first).isNotEqualTo(second);
    assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain(CODE);
  }

  @Test
  void open_underAnotherRegistration_fails() {
    byte[] sealed = seal.seal(ID, CODE);

    assertThatThrownBy(() -> seal.open("00000000-0000-4000-8000-000000000002", sealed))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void seal_underAKeyThatDoesNotExist_failsAsStorageUnavailable() {
    KmsReferralCodeSeal missing =
        new KmsReferralCodeSeal(
            AwsClients.http(AwsClients.Budget.REQUEST), emulator.config(), "alias/no-such-key");

    assertThatThrownBy(() -> missing.seal(ID, CODE))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageNotContaining(CODE);
  }
}
