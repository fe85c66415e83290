package be.helpline.insights.bench.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What the floors send their requests with: the least the functions' storage calls need, written
 * with the SDK's SigV4 signer and its url-connection client alone (their JSON by hand), so that no
 * project class is involved. The functions sign their own requests the same way (their {@code
 * DynamoDbHttp} and {@code S3SnapshotStore}), so the floor is what such a call costs at least, not
 * what the SDK's service clients cost.
 */
final class FloorClients {
  private FloorClients() {}

  /** AwsClients.Budget: connect, attempt (socket timeout). */
  enum Budget {
    REQUEST(1_000, 3_000),
    REDIRECT(250, 250),
    BATCH(1_000, 60_000);

    final Duration connect;
    final Duration attempt;

    Budget(long connect, long attempt) {
      this.connect = Duration.ofMillis(connect);
      this.attempt = Duration.ofMillis(attempt);
    }
  }

  /** An answer: status and body. */
  record Answer(int status, byte[] body) {}

  /** Signs and sends requests of one service within a budget. */
  static final class Signed {
    private final SdkHttpClient http;
    private final DefaultCredentialsProvider credentials =
        DefaultCredentialsProvider.builder().build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String service;

    Signed(String service, Budget budget) {
      this.service = service;
      this.http =
          UrlConnectionHttpClient.builder()
              .connectionTimeout(budget.connect)
              .socketTimeout(budget.attempt)
              .build();
    }

    Answer send(SdkHttpFullRequest request, byte[] content) throws IOException {
      AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
      boolean s3 = service.equals("s3");
      SignedRequest signed =
          signer.sign(
              sign ->
                  sign.identity(identity)
                      .request(request)
                      .payload(ContentStreamProvider.fromByteArray(content))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region())
                      .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                      .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3));
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(ContentStreamProvider.fromByteArray(content))
                      .build())
              .call();
      try (InputStream in =
          response
              .responseBody()
              .map(InputStream.class::cast)
              .orElse(InputStream.nullInputStream())) {
        return new Answer(response.httpResponse().statusCode(), in.readAllBytes());
      }
    }

    /** One DynamoDB call with a JSON body written by hand; fails on any status but 200. */
    Answer dynamoDb(String action, String json) {
      byte[] content = json.getBytes(StandardCharsets.UTF_8);
      try {
        Answer answer =
            send(
                SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint())
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("X-Amz-Target", "DynamoDB_20120810." + action)
                    .putHeader("Content-Length", Integer.toString(content.length))
                    .build(),
                content);
        if (answer.status() != 200) {
          throw new IllegalStateException("DynamoDB answered " + answer.status());
        }
        return answer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * All pages of a Scan ({@code json} without its closing brace, to which the start key is
     * added): the number of items.
     */
    long scanCount(String json) {
      long items = 0;
      String start = null;
      do {
        Answer page =
            dynamoDb("Scan", json + (start == null ? "" : ",\"ExclusiveStartKey\":" + start) + "}");
        Page read = page(page.body());
        items += read.count();
        start = read.lastEvaluatedKey();
      } while (start != null);
      return items;
    }
  }

  record Page(long count, String lastEvaluatedKey) {}

  /**
   * A page's Count and its LastEvaluatedKey copied as JSON text (null: the last page), found in the
   * answer's text without a JSON library: the least a Scan's paging needs. (Until 2026-12-07 the
   * floors held a Jackson parser factory, built on their first call whether or not they parsed
   * anything; the functions no longer load Jackson's parser, so the floors do not either.)
   */
  static Page page(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int count = text.indexOf("\"Count\":");
    if (count < 0) {
      throw new IllegalStateException("a Scan answer without Count: " + text);
    }
    int digits = count + "\"Count\":".length();
    while (text.charAt(digits) == ' ') {
      digits++;
    }
    int end = digits;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    long items = Long.parseLong(text.substring(digits, end));
    int key = text.indexOf("\"LastEvaluatedKey\":");
    if (key < 0) {
      return new Page(items, null);
    }
    int open = text.indexOf('{', key);
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return new Page(items, text.substring(open, i + 1));
      }
    }
    throw new IllegalStateException("an unterminated LastEvaluatedKey: " + text);
  }

  static String region() {
    return System.getenv("AWS_REGION");
  }

  static URI endpoint() {
    return URI.create(System.getenv("AWS_ENDPOINT_URL"));
  }
}
