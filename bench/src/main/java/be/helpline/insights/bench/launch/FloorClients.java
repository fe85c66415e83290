package be.helpline.insights.bench.launch;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The floors' clients: the same setup as the functions' {@code AwsClients} (url-connection client
 * with the budget's connect and socket timeouts, explicit region, the emulator endpoint, attempt
 * and call timeouts, and for increments a retry strategy that retries only throttling), written
 * with the SDK alone so that no project class is involved.
 */
final class FloorClients {
  private FloorClients() {}

  /** AwsClients.Budget: connect, socket, attempt, call. */
  enum Budget {
    REQUEST(1_000, 3_000, 2_000, 6_000),
    REDIRECT(250, 250, 250, 400),
    BATCH(1_000, 60_000, 60_000, 240_000);

    final Duration connect;
    final Duration socket;
    final Duration attempt;
    final Duration call;

    Budget(long connect, long socket, long attempt, long call) {
      this.connect = Duration.ofMillis(connect);
      this.socket = Duration.ofMillis(socket);
      this.attempt = Duration.ofMillis(attempt);
      this.call = Duration.ofMillis(call);
    }
  }

  static DynamoDbClient dynamoDb(Budget budget) {
    return builder(budget).build();
  }

  static DynamoDbClient dynamoDbForIncrements(Budget budget) {
    DynamoDbClientBuilder builder = builder(budget);
    return builder
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder()
                .retryStrategy(
                    StandardRetryStrategy.builder()
                        .useClientDefaults(false)
                        .maxAttempts(3)
                        .retryOnException(FloorClients::throttling)
                        .treatAsThrottling(FloorClients::throttling)
                        .backoffStrategy(
                            BackoffStrategy.exponentialDelay(
                                Duration.ofMillis(20), Duration.ofMillis(200)))
                        .throttlingBackoffStrategy(
                            BackoffStrategy.exponentialDelay(
                                Duration.ofMillis(20), Duration.ofMillis(200)))
                        .circuitBreakerEnabled(false)
                        .build())
                .build())
        .build();
  }

  static SdkHttpClient http(Budget budget) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(budget.connect)
        .socketTimeout(budget.socket)
        .build();
  }

  static Region region() {
    return Region.of(System.getenv("AWS_REGION"));
  }

  static URI endpoint() {
    return URI.create(System.getenv("AWS_ENDPOINT_URL"));
  }

  private static DynamoDbClientBuilder builder(Budget budget) {
    return DynamoDbClient.builder()
        .httpClient(http(budget))
        .region(region())
        .endpointOverride(endpoint())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(budget.attempt)
                .apiCallTimeout(budget.call)
                .build());
  }

  private static boolean throttling(Throwable error) {
    return error instanceof SdkServiceException service && service.isThrottlingException();
  }
}
