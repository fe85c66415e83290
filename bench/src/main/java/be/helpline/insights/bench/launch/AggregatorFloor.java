package be.helpline.insights.bench.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The aggregator's floor: its batch-budget client and the same filtered Scan of the counters table
 * (all pages), then one S3 PUT signed with the SDK's SigV4 signer and sent by the url-connection
 * client, as its S3SnapshotStore does.
 */
public final class AggregatorFloor extends FloorHandler {
  private final DynamoDbClient dynamoDb = FloorClients.dynamoDb(FloorClients.Budget.BATCH);
  private final SdkHttpClient http = FloorClients.http(FloorClients.Budget.BATCH);
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String table = env("COUNTERS_TABLE");
  private final String bucket = env("SNAPSHOT_BUCKET");

  @Override
  String call() {
    long items =
        dynamoDb
            .scanPaginator(
                scan ->
                    scan.tableName(table)
                        .filterExpression("#family = :family")
                        .expressionAttributeNames(Map.of("#family", "family"))
                        .expressionAttributeValues(
                            Map.of(":family", AttributeValue.fromS("traffic"))))
            .items()
            .stream()
            .count();
    byte[] content = ("{\"items\":" + items + "}").getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.PUT)
            .uri(
                URI.create(
                    FloorClients.endpoint().toString().replaceAll("/$", "")
                        + "/"
                        + bucket
                        + "/bench/floor.json"))
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", Integer.toString(content.length))
            .putHeader("x-amz-content-sha256", sha256(content))
            .build();
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(identity)
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(content))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, FloorClients.region().id())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
    try {
      int status =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(ContentStreamProvider.fromByteArray(content))
                      .build())
              .call()
              .httpResponse()
              .statusCode();
      if (status / 100 != 2) {
        throw new IllegalStateException("S3 answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "{\"runId\":\"floor\"}";
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
