package be.helpline.insights.aws.storage;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.json.JsonTree;
import be.helpline.insights.core.registration.ReferralCodeSeal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Referral codes sealed with KMS Encrypt and opened with Decrypt under {@code ReferralCodeKey},
 * whose key policy lets only the registration function's role use it. The registration id is the
 * encryption context, so sealed bytes copied to another registration do not open; the ciphertext
 * differs on every call. Two JSON requests signed with SigV4 ({@link SignedHttp}): the KMS client
 * module would push the registration function past its 10 MB budget.
 */
public final class KmsReferralCodeSeal implements ReferralCodeSeal {
  private final SignedHttp http;
  private final URI endpoint;
  private final String keyId;

  public KmsReferralCodeSeal(SdkHttpClient http, AwsConfig aws, String keyId) {
    String region = aws.region();
    this.http = new SignedHttp(http, "kms", region);
    this.endpoint =
        aws.endpointOverride().orElse(URI.create("https://kms." + region + ".amazonaws.com/"));
    this.keyId = keyId;
  }

  @Override
  public byte[] seal(String registrationId, String code) {
    ObjectNode request = request(registrationId);
    request.put("Plaintext", code.getBytes(StandardCharsets.UTF_8));
    return bytes(call("Encrypt", request), "CiphertextBlob");
  }

  @Override
  public String open(String registrationId, byte[] sealed) {
    ObjectNode request = request(registrationId);
    request.put("CiphertextBlob", sealed);
    return new String(bytes(call("Decrypt", request), "Plaintext"), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(JsonNode answer, String field) {
    String base64 = answer.path(field).asText("");
    if (base64.isEmpty()) {
      throw new StorageUnavailableException("KMS answered without " + field, null);
    }
    return Base64.getDecoder().decode(base64);
  }

  private ObjectNode request(String registrationId) {
    ObjectNode request = JsonTree.object();
    request.put("KeyId", keyId);
    request.putObject("EncryptionContext").put("registration", registrationId);
    return request;
  }

  private JsonNode call(String action, ObjectNode body) {
    SignedHttp.Answer answer;
    JsonNode json;
    try {
      byte[] content = JsonTree.bytes(body);
      answer =
          http.send(
              SdkHttpFullRequest.builder()
                  .method(SdkHttpMethod.POST)
                  .uri(endpoint)
                  .putHeader("Content-Type", "application/x-amz-json-1.1")
                  .putHeader("X-Amz-Target", "TrentService." + action)
                  .putHeader("Content-Length", Integer.toString(content.length))
                  .build(),
              content);
      json = JsonTree.read(answer.body());
    } catch (IOException | RuntimeException e) {
      throw new StorageUnavailableException("KMS " + action + " failed", e);
    }
    if (answer.status() / 100 != 2) {
      // KMS names the error type; nothing of the code or the key is in it.
      throw new StorageUnavailableException(
          "KMS " + action + " answered " + answer.status() + " " + json.path("__type").asText(""),
          null);
    }
    return json;
  }
}
