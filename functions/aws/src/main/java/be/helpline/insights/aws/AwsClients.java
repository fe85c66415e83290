package be.helpline.insights.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one client per service that an execution environment keeps: explicit region, the
 * url-connection HTTP client, bounded timeouts, the default credentials provider.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * How long a call may take. A request handler answers a person or a browser and must fail fast;
   * the banner redirect must answer even when storage hangs, so it gives up sooner still; the
   * scheduled aggregator reads whole tables and may wait.
   */
  public enum Budget {
    REQUEST(
        Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(6)),
    REDIRECT(
        Duration.ofMillis(250),
        Duration.ofMillis(250),
        Duration.ofMillis(250),
        Duration.ofMillis(400)),
    BATCH(
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Duration.ofSeconds(240));

    private final Duration connect;
    private final Duration socket;
    private final Duration attempt;
    private final Duration call;

    Budget(Duration connect, Duration socket, Duration attempt, Duration call) {
      this.connect = connect;
      this.socket = socket;
      this.attempt = attempt;
      this.call = call;
    }
  }

  public static DynamoDbClient dynamoDb(AwsConfig config, Budget budget) {
    return configure(DynamoDbClient.builder(), config, budget).build();
  }

  /**
   * A DynamoDB client for writes that must not be applied twice, such as counter increments: it
   * retries only throttling, which DynamoDB answers before applying anything. A timeout or a 500
   * may hide a write that did land, so those fail at once instead of being retried into a double
   * count.
   */
  public static DynamoDbClient dynamoDbForIncrements(AwsConfig config) {
    return dynamoDbForIncrements(config, Budget.REQUEST);
  }

  /** As {@link #dynamoDbForIncrements(AwsConfig)}, within the given budget. */
  public static DynamoDbClient dynamoDbForIncrements(AwsConfig config, Budget budget) {
    RetryStrategy onlyThrottling =
        StandardRetryStrategy.builder()
            .useClientDefaults(false)
            .maxAttempts(3)
            .retryOnException(
                error ->
                    error instanceof SdkServiceException service && service.isThrottlingException())
            .treatAsThrottling(
                error ->
                    error instanceof SdkServiceException service && service.isThrottlingException())
            .backoffStrategy(
                BackoffStrategy.exponentialDelay(Duration.ofMillis(20), Duration.ofMillis(200)))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(Duration.ofMillis(20), Duration.ofMillis(200)))
            .circuitBreakerEnabled(false)
            .build();
    DynamoDbClientBuilder builder = configure(DynamoDbClient.builder(), config, budget);
    return builder
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder().retryStrategy(onlyThrottling).build())
        .build();
  }

  /** The HTTP client for requests the functions sign themselves (see S3SnapshotStore). */
  public static SdkHttpClient http(Budget budget) {
    return httpClient(budget);
  }

  /**
   * A client builder of any service with the functions' HTTP client, region, time budget and
   * endpoint override (what the registration function builds its KMS client with).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsConfig config, Budget budget) {
    builder
        .httpClient(httpClient(budget))
        .region(config.region())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(budget.attempt)
                .apiCallTimeout(budget.call)
                .build());
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return builder;
  }

  private static SdkHttpClient httpClient(Budget budget) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(budget.connect)
        .socketTimeout(budget.socket)
        .build();
  }
}
