package be.helpline.insights.bench.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The aggregator's floor: the same filtered Scan of the counters table (all pages), then one S3
 * PUT, each signed with the SDK's SigV4 signer and sent by the url-connection client, as its
 * DynamoDbHttp and S3SnapshotStore do.
 */
public final class AggregatorFloor extends FloorHandler {
  private final FloorClients.Signed dynamoDb =
      new FloorClients.Signed("dynamodb", FloorClients.Budget.BATCH);
  private final FloorClients.Signed s3 = new FloorClients.Signed("s3", FloorClients.Budget.BATCH);
  private final String table = env("COUNTERS_TABLE");
  private final String bucket = env("SNAPSHOT_BUCKET");

  @Override
  String call() {
    long items =
        dynamoDb.scanCount(
            "{\"TableName\":\""
                + table
                + "\",\"FilterExpression\":\"#family = :family\","
                + "\"ExpressionAttributeNames\":{\"#family\":\"family\"},"
                + "\"ExpressionAttributeValues\":{\":family\":{\"S\":\"traffic\"}}");
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
    try {
      int status = s3.send(request, content).status();
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
