package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {
  private final Cors cors =
      Cors.from(
          Map.of(
              "AllowOrigins", List.of("https://selfhelp.example", "https://stopitnow.example"),
              "AllowMethods", List.of("GET", "POST", "PUT", "DELETE"),
              "AllowHeaders", List.of("authorization", "content-type", "if-match"),
              "ExposeHeaders", List.of("etag", "location"),
              "MaxAge", 600));

  private static IncomingRequest request(String method, Map<String, List<String>> headers) {
    return new IncomingRequest(method, "/v1/beacons", null, headers, null, "127.0.0.1", "HTTP/1.1");
  }

  private static IncomingRequest preflight(String origin, String method, String headers) {
    return request(
        "OPTIONS",
        Map.of(
            "Origin", List.of(origin),
            "Access-Control-Request-Method", List.of(method),
            "Access-Control-Request-Headers", List.of(headers)));
  }

  @Test
  void preflight_fromAnAllowedOrigin_getsTheConfiguredHeaders() {
    IncomingRequest request = preflight("https://selfhelp.example", "POST", "content-type");

    assertThat(Cors.isPreflight(request)).isTrue();
    assertThat(cors.preflight(request))
        .contains(
            Map.entry("access-control-allow-origin", "https://selfhelp.example"),
            Map.entry("access-control-allow-methods", "GET,POST,PUT,DELETE"),
            Map.entry("access-control-allow-headers", "authorization,content-type,if-match"),
            Map.entry("access-control-max-age", "600"));
  }

  @Test
  void preflight_fromAnotherOriginOrForAnotherMethod_getsNoCorsHeaders() {
    assertThat(cors.preflight(preflight("https://evil.example", "POST", "content-type"))).isEmpty();
    assertThat(cors.preflight(preflight("https://selfhelp.example", "PATCH", ""))).isEmpty();
    assertThat(cors.preflight(preflight("https://selfhelp.example", "POST", "x-custom"))).isEmpty();
  }

  @Test
  void optionsWithoutRequestMethod_isNotAPreflight() {
    assertThat(
            Cors.isPreflight(
                request("OPTIONS", Map.of("Origin", List.of("https://selfhelp.example")))))
        .isFalse();
  }

  @Test
  void actualAnswer_forAnAllowedOrigin_allowsItAndExposesHeaders() {
    assertThat(cors.actual(request("POST", Map.of("Origin", List.of("https://selfhelp.example")))))
        .containsExactly(
            Map.entry("access-control-allow-origin", "https://selfhelp.example"),
            Map.entry("access-control-expose-headers", "etag,location"),
            Map.entry("vary", "Origin"));
  }

  @Test
  void actualAnswer_forAnotherOrigin_allowsNothing() {
    assertThat(cors.actual(request("POST", Map.of("Origin", List.of("https://evil.example")))))
        .containsExactly(Map.entry("vary", "Origin"));
  }
}
