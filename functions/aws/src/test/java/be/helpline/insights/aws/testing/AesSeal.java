package be.helpline.insights.aws.testing;

import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.registration.ReferralCodeSeal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A seal for storage tests without KMS: AES-GCM under a key of its own, the registration id as
 * associated data, a random nonce each time (so, like KMS, the same code seals differently).
 */
public final class AesSeal implements ReferralCodeSeal {
  private static final int NONCE = 12;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public AesSeal() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      key = generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] seal(String registrationId, String code) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, registrationId);
      byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String open(String registrationId, byte[] sealed) {
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(sealed, NONCE), registrationId);
      return new String(
          cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new StorageUnavailableException("referral code not opened", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String registrationId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(128, nonce));
    cipher.updateAAD(registrationId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
