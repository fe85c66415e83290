package be.helpline.insights.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the AWS clients connect: the function's region and, locally, an emulator endpoint ({@code
 * AWS_ENDPOINT_URL}, set by the local runner or a developer; absent in Lambda).
 */
public record AwsConfig(String region, URI endpoint) {

  public static AwsConfig from(Map<String, String> env) {
    String region = env.get("AWS_REGION");
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("missing environment variable AWS_REGION");
    }
    String endpoint = env.get("AWS_ENDPOINT_URL");
    return new AwsConfig(
        region.trim(), endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
  }

  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpoint);
  }

  /** Reads a required variable, failing fast at init with its name. */
  public static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("missing environment variable " + name);
    }
    return value;
  }
}
