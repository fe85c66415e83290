package be.helpline.insights.core.campaign;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts a campaign's landing URL may point at ({@code LANDING_HOSTS}, comma-separated). A
 * landing URL is accepted only when it is unambiguous: printable ASCII, no backslash, strictly
 * parsed by {@link URI}, https, an exact allow-listed host, no user info, no port but 443.
 */
public final class LandingHosts {
  static final int MAX_URL_LENGTH = 2048;

  private final Set<String> hosts;

  private LandingHosts(Set<String> hosts) {
    this.hosts = hosts;
  }

  public static LandingHosts fromConfig(String commaSeparated) {
    Set<String> hosts =
        Arrays.stream(commaSeparated.split(","))
            .map(host -> host.trim().toLowerCase(Locale.ROOT))
            .filter(host -> !host.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("LANDING_HOSTS names no host");
    }
    return new LandingHosts(hosts);
  }

  /** Why the URL may not be a landing URL (an error code), or empty when it may. */
  public Optional<String> problem(String url) {
    Optional<String> shape = httpsProblem(url);
    if (shape.isPresent()) {
      return shape;
    }
    String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
    return hosts.contains(host) ? Optional.empty() : Optional.of("host_not_allowed");
  }

  /**
   * Why the URL is not a plain absolute https URL (without the allow-list), or empty. Also used for
   * the configured default landing URL.
   */
  public static Optional<String> httpsProblem(String url) {
    if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
      return Optional.of("invalid_length");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return Optional.of("invalid_character");
      }
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not_a_url");
    }
    if (!"https".equals(uri.getScheme()) || uri.isOpaque()) {
      return Optional.of("not_https");
    }
    String host = uri.getHost();
    String authority = uri.getRawAuthority();
    if (host == null || authority == null || uri.getRawUserInfo() != null) {
      return Optional.of("invalid_host");
    }
    if (!authority.equals(host) && !authority.equals(host + ":443")) {
      return Optional.of("invalid_port");
    }
    String query = uri.getRawQuery();
    if (query != null && (query.startsWith("utm_") || query.contains("&utm_"))) {
      return Optional.of("utm_parameters_not_allowed");
    }
    return Optional.empty();
  }
}
