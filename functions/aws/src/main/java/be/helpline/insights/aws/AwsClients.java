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

  public static DynamoDbClient dynamoDb(AwsConfig config) {
    return configure(DynamoDbClient.builder(), config).build();
  }

  /**
   * A DynamoDB client for writes that must not be applied twice, such as counter increments: it
   * retries only throttling, which DynamoDB answers before applying anything. A timeout or a 500
   * may hide a write that did land, so those fail at once instead of being retried into a double
   * count.
   */
  public static DynamoDbClient dynamoDbForIncrements(AwsConfig config) {
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
    DynamoDbClientBuilder builder = configure(DynamoDbClient.builder(), config);
    return builder
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder().retryStrategy(onlyThrottling).build())
        .build();
  }

  /** The HTTP client for requests the functions sign themselves (see S3SnapshotStore). */
  public static SdkHttpClient http() {
    return httpClient();
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsConfig config) {
    builder
        .httpClient(httpClient())
        .region(config.region())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .apiCallTimeout(Duration.ofSeconds(6))
                .build());
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return builder;
  }

  private static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(1))
        .socketTimeout(Duration.ofSeconds(3))
        .build();
  }
}
