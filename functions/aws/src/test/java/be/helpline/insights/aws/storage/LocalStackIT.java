package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.counter.CounterKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The storage adapters against LocalStack in a container, where a Docker engine runs. The image is
 * the system property {@code localstack.image}: the last token-free LocalStack by default, or a
 * drop-in such as floci/floci. Without Docker every test is skipped, and says so.
 */
class LocalStackIT {
  private static LocalStackContainer localStack;
  private static Emulator emulator;

  @BeforeEach
  void startLocalStack() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "LocalStack tier skipped: no Docker engine on this machine");
    synchronized (LocalStackIT.class) {
      if (localStack == null) {
        String image = System.getProperty("localstack.image", "localstack/localstack:4.14.0");
        localStack =
            new LocalStackContainer(
                    DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("dynamodb", "s3");
        localStack.start();
        System.setProperty("aws.accessKeyId", localStack.getAccessKey());
        System.setProperty("aws.secretAccessKey", localStack.getSecretKey());
        emulator = Emulator.at(localStack.getEndpoint());
      }
    }
  }

  @AfterAll
  static void stopLocalStack() {
    if (localStack != null) {
      localStack.stop();
    }
  }

  @Test
  void counters_addAndReadBack() {
    DynamoDbDailyCounterStore store =
        new DynamoDbDailyCounterStore(
            emulator.functionsDynamoDb(), emulator.newTable("counters"), 4, 3650);
    CounterKey day = new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2));
    for (int i = 0; i < 10; i++) {
      store.add(day, Map.of("pageviews.h10", 1L));
    }

    assertThat(
            store
                .read("traffic", java.util.List.of("selfhelp"), day.date())
                .getFirst()
                .get("pageviews.h10"))
        .isEqualTo(10L);
  }

  @Test
  void snapshots_signedPutIsReadable() {
    String bucket = emulator.newBucket();
    new S3SnapshotStore(AwsClients.http(AwsClients.Budget.BATCH), emulator.config(), bucket)
        .put("snapshots/v1/LATEST.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(emulator.object(bucket, "snapshots/v1/LATEST.json").asUtf8String()).isEqualTo("{}");
  }
}
