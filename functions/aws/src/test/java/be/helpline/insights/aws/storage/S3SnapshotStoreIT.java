package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3SnapshotStoreIT {
  private final Emulator emulator = Emulator.moto();

  @Test
  void put_signedRequest_isStoredWithTypeAndCachePolicy() {
    String bucket = emulator.newBucket();
    S3SnapshotStore store =
        new S3SnapshotStore(AwsClients.http(AwsClients.Budget.BATCH), emulator.config(), bucket);
    byte[] content = "{\"sites\": {}}\n".getBytes(StandardCharsets.UTF_8);

    store.put(
        "snapshots/v1/runs/20200403T120000Z-0000abcd/traffic.json", content, "application/json");
    store.put("snapshots/v1/LATEST.json", content, "application/json");

    var run = emulator.object(bucket, "snapshots/v1/runs/20200403T120000Z-0000abcd/traffic.json");
    assertThat(run.asByteArray()).isEqualTo(content);
    assertThat(run.response().contentType()).isEqualTo("application/json");
    assertThat(run.response().cacheControl()).contains("immutable");
    assertThat(emulator.object(bucket, "snapshots/v1/LATEST.json").response().cacheControl())
        .isEqualTo("no-cache");
  }

  @Test
  void put_keyWithSpacesAndUnicode_isStoredUnderThatKey() {
    String bucket = emulator.newBucket();
    S3SnapshotStore store =
        new S3SnapshotStore(AwsClients.http(AwsClients.Budget.BATCH), emulator.config(), bucket);

    store.put("snapshots/v1/report nl é.md", "x".getBytes(StandardCharsets.UTF_8), "text/markdown");

    assertThat(emulator.object(bucket, "snapshots/v1/report nl é.md").asUtf8String())
        .isEqualTo("x");
  }

  @Test
  void put_toMissingBucket_failsAsStorageUnavailable() {
    S3SnapshotStore store =
        new S3SnapshotStore(
            AwsClients.http(AwsClients.Budget.BATCH), emulator.config(), "no-such-bucket-helpline");

    assertThatThrownBy(
            () -> store.put("snapshots/v1/LATEST.json", new byte[] {1}, "application/json"))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void putIfUnchanged_writesOnlyOverTheVersionItWasGiven() {
    String bucket = emulator.newBucket();
    S3SnapshotStore store =
        new S3SnapshotStore(AwsClients.http(AwsClients.Budget.BATCH), emulator.config(), bucket);
    String key = "snapshots/v1/LATEST.json";
    byte[] first = "{\"runId\": \"a\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] second = "{\"runId\": \"b\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] late = "{\"runId\": \"c\"}\n".getBytes(StandardCharsets.UTF_8);

    // None there yet: only a write that expects none goes through.
    assertThat(store.getVersioned(key)).isEmpty();
    assertThat(store.putIfUnchanged(key, first, "application/json", null)).isTrue();
    assertThat(store.putIfUnchanged(key, late, "application/json", null)).isFalse();
    String version = store.getVersioned(key).orElseThrow().version();
    assertThat(version).isNotBlank();

    // Over the version read: written; over that version once more (a run that began before): not.
    assertThat(store.putIfUnchanged(key, second, "application/json", version)).isTrue();
    assertThat(store.putIfUnchanged(key, late, "application/json", version)).isFalse();

    assertThat(emulator.object(bucket, key).asByteArray()).isEqualTo(second);
    assertThat(store.getVersioned(key).orElseThrow().version()).isNotEqualTo(version);
  }
}
