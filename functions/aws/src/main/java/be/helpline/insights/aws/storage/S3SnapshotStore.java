package be.helpline.insights.aws.storage;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.error.StorageUnavailableException;
import be.helpline.insights.core.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Snapshot files (and the contacts ledger) in the snapshot bucket, written with S3 PutObject and
 * read with GetObject requests signed by the SDK's own SigV4 signer and sent by the shared HTTP
 * client ({@link SignedHttp}). Why not the S3 client: its module alone is 4.4 MB and would push the
 * aggregator past the 10 MB deployable budget (SPEC section 7), for the two calls it makes.
 *
 * <p>A run's own files never change, so caches may keep them; the {@code latest/} copies and
 * LATEST.json change every run and must be revalidated.
 */
public final class S3SnapshotStore implements SnapshotStore {
  private static final int ATTEMPTS = 3;

  private final SignedHttp http;
  private final URI bucketUri;

  public S3SnapshotStore(SdkHttpClient http, AwsConfig aws, String bucket) {
    String region = aws.region();
    this.http = new SignedHttp(http, "s3", region);
    this.bucketUri =
        aws.endpointOverride()
            .map(endpoint -> URI.create(endpoint.toString().replaceAll("/$", "") + "/" + bucket))
            .orElse(URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com"));
  }

  @Override
  public void put(String key, byte[] content, String contentType) {
    send(putRequest(key, content, contentType).build(), key, content, false);
  }

  /**
   * PutObject with {@code If-Match} (or {@code If-None-Match: *} when there should be no object):
   * S3 answers 412 when another write came first, and 409 when one is under way.
   */
  @Override
  public boolean putIfUnchanged(String key, byte[] content, String contentType, String version) {
    SdkHttpFullRequest.Builder request = putRequest(key, content, contentType);
    if (version == null) {
      request.putHeader("If-None-Match", "*");
    } else {
      request.putHeader("If-Match", version);
    }
    if (send(request.build(), key, content, true) / 100 == 2) {
      return true;
    }
    // A retry after a write that went through but whose answer was lost also meets the condition
    // no more: the key holding exactly these bytes (a run's LATEST.json names the run) says so.
    return getVersioned(key)
        .map(now -> java.util.Arrays.equals(now.content(), content))
        .orElse(false);
  }

  private SdkHttpFullRequest.Builder putRequest(String key, byte[] content, String contentType) {
    String cacheControl =
        key.contains("/runs/") ? "public, max-age=31536000, immutable" : "no-cache";
    return SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.PUT)
        .uri(URI.create(bucketUri + "/" + encodeKey(key)))
        .putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", cacheControl)
        .putHeader("Content-Length", Integer.toString(content.length))
        .putHeader("x-amz-content-sha256", sha256(content));
  }

  /**
   * Sends a PutObject, retried on failures; returns its status (2xx, or 412/409 on a condition).
   */
  private int send(SdkHttpFullRequest request, String key, byte[] content, boolean conditional) {
    StorageUnavailableException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = http.send(request, content).status();
        if (status / 100 == 2 || conditional && (status == 412 || status == 409)) {
          return status;
        }
        failure = new StorageUnavailableException("S3 answered " + status + " for " + key, null);
        if (status / 100 == 4) {
          break;
        }
      } catch (IOException | RuntimeException e) {
        failure = new StorageUnavailableException("snapshot file not stored: " + key, e);
      }
    }
    throw failure;
  }

  /**
   * GetObject. A missing key is empty only when S3 says so (404 NoSuchKey); any other answer
   * throws, so a ledger that cannot be read is never taken for no ledger. (Without s3:ListBucket S3
   * answers a missing key with 403, hence the template grants it on the ledger's prefix.)
   */
  @Override
  public Optional<byte[]> get(String key) {
    return getVersioned(key).map(Versioned::content);
  }

  @Override
  public Optional<Versioned> getVersioned(String key) {
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(bucketUri + "/" + encodeKey(key)))
            .putHeader("x-amz-content-sha256", sha256(new byte[0]))
            .build();
    StorageUnavailableException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        SignedHttp.Answer answer = http.send(request, null);
        int status = answer.status();
        byte[] body = answer.body();
        if (status / 100 == 2) {
          return Optional.of(new Versioned(body, answer.etag()));
        }
        if (status == 404 && new String(body, StandardCharsets.UTF_8).contains("NoSuchKey")) {
          return Optional.empty();
        }
        failure = new StorageUnavailableException("S3 answered " + status + " for " + key, null);
        if (status / 100 == 4) {
          break;
        }
      } catch (IOException | RuntimeException e) {
        failure = new StorageUnavailableException("snapshot file not read: " + key, e);
      }
    }
    throw failure;
  }

  private static String encodeKey(String key) {
    StringBuilder encoded = new StringBuilder();
    for (String segment : key.split("/", -1)) {
      if (!encoded.isEmpty()) {
        encoded.append('/');
      }
      encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return encoded.toString();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
