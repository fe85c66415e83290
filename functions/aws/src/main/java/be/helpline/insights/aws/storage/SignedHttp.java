package be.helpline.insights.aws.storage;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Requests signed with the SDK's own SigV4 signer and sent by the shared HTTP client: every AWS
 * call the functions make (DynamoDB, S3, KMS), so that no deployable carries a service's SDK module
 * (DynamoDB's is 2.3 MB of model classes, S3's 4.4 MB; issue 19 gives an HTTP function 6 MB).
 */
final class SignedHttp {
  /** An answer: its status, its body read whole and its {@code ETag} header (null if none). */
  record Answer(int status, byte[] body, String etag) {}

  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials =
      DefaultCredentialsProvider.builder().build();
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String service;
  private final String region;

  SignedHttp(SdkHttpClient http, String service, String region) {
    this.http = http;
    this.service = service;
    this.region = region;
  }

  /** Signs and sends the request with {@code content} as its body (null: no body). */
  Answer send(SdkHttpFullRequest request, byte[] content) throws IOException {
    byte[] payload = content == null ? new byte[0] : content;
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    boolean s3 = service.equals("s3");
    SignedRequest signed =
        signer.sign(
            sign ->
                sign.identity(identity)
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3));
    HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(signed.request());
    if (content != null) {
      execute.contentStreamProvider(ContentStreamProvider.fromByteArray(content));
    }
    HttpExecuteResponse response = http.prepareRequest(execute.build()).call();
    try (InputStream in =
        response
            .responseBody()
            .map(InputStream.class::cast)
            .orElse(InputStream.nullInputStream())) {
      return new Answer(
          response.httpResponse().statusCode(),
          in.readAllBytes(),
          response.httpResponse().firstMatchingHeader("ETag").orElse(null));
    }
  }
}
