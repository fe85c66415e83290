package be.helpline.insights.bench.launch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
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
 * with the SDK's SigV4 signer, its url-connection client and Jackson's streaming parser alone, so
 * that no project class is involved. The functions sign their own requests the same way (their
 * {@code DynamoDbHttp} and {@code S3SnapshotStore}), so the floor is what such a call costs at
 * least, not what the SDK's service clients cost.
 */
final class FloorClients {
  private static final JsonFactory JSON = new JsonFactory();

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

  private record Page(long count, String lastEvaluatedKey) {}

  /** A page's Count and its LastEvaluatedKey copied as JSON text (null: the last page). */
  private static Page page(byte[] body) {
    long count = 0;
    String last = null;
    try (JsonParser json = JSON.createParser(body)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (field.equals("Count")) {
          count = json.getLongValue();
        } else if (field.equals("LastEvaluatedKey")) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try (JsonGenerator copy = JSON.createGenerator(out)) {
            copy.copyCurrentStructure(json);
          }
          last = out.toString(StandardCharsets.UTF_8);
        } else {
          json.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Page(count, last);
  }

  static String region() {
    return System.getenv("AWS_REGION");
  }

  static URI endpoint() {
    return URI.create(System.getenv("AWS_ENDPOINT_URL"));
  }
}
