package be.helpline.insights.aws;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client an execution environment keeps for its signed AWS requests (DynamoDB, S3, KMS):
 * the url-connection client with the timeouts of a {@link Budget}.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * How long a call may take. A request handler answers a person or a browser and must fail fast;
   * the banner redirect must answer even when storage hangs, so it gives up sooner still; the
   * scheduled aggregator reads whole tables and may wait.
   */
  public enum Budget {
    REQUEST(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6)),
    REDIRECT(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(400)),
    BATCH(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(240));

    private final Duration connect;
    private final Duration attempt;
    private final Duration call;

    /**
     * @param connect to open a connection
     * @param attempt to wait for each read of an answer (the HTTP client's socket timeout)
     * @param call for the whole call, retries included: no attempt starts after it
     */
    Budget(Duration connect, Duration attempt, Duration call) {
      this.connect = connect;
      this.attempt = attempt;
      this.call = call;
    }

    public Duration call() {
      return call;
    }
  }

  /** The HTTP client for requests the functions sign themselves (see SignedHttp). */
  public static SdkHttpClient http(Budget budget) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(budget.connect)
        .socketTimeout(budget.attempt)
        .build();
  }
}
