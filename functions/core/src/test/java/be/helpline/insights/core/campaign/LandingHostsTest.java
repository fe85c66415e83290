package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LandingHostsTest {
  private static final LandingHosts HOSTS =
      LandingHosts.fromConfig("stopitnow.example, selfhelp.example");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://stopitnow.example/",
        "https://stopitnow.example",
        "https://selfhelp.example/module/1?lang=nl",
        "https://stopitnow.example:443/hulp#start",
        "https://STOPITNOW.example/"
      })
  void landingUrl_httpsOnAnAllowedHost_isAccepted(String url) {
    assertThat(HOSTS.problem(url)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://stopitnow.example/|not_https",
        "ftp://stopitnow.example/|not_https",
        "https:stopitnow.example|not_https",
        "//stopitnow.example/|not_https",
        "/relative|not_https",
        "https://evil.example/|host_not_allowed",
        "https://stopitnow.example.evil.example/|host_not_allowed",
        "https://evilstopitnow.example/|host_not_allowed",
        "https://stopitnow.example./|host_not_allowed",
        "https://stopitnow.example@evil.example/|invalid_host",
        "https://evil.example@stopitnow.example/|invalid_host",
        "https://user:pw@stopitnow.example/|invalid_host",
        "https://stopitnow.example:8443/|invalid_port",
        "https://stopitnow.example:/|invalid_port",
        "https://stopitnow.example\\@evil.example/|invalid_character",
        "https://stopitnow.example/\\evil|invalid_character",
        "https://stopitnow.example/ x|invalid_character",
        "https://stopitnow\uff0eexample/|invalid_character",
        "https://stopitnow.example\u2215evil.example/|invalid_character",
        "https://st%6fpitnow.example/|invalid_host",
        "https://[::1]/|host_not_allowed",
        "https://stopitnow.example/%zz|not_a_url",
        "https://stopitnow.example/?utm_source=x|utm_parameters_not_allowed",
        "https://stopitnow.example/?a=1&utm_campaign=x|utm_parameters_not_allowed",
        "''|invalid_length"
      })
  void landingUrl_ambiguousOrElsewhere_isRefused(String url, String code) {
    assertThat(HOSTS.problem(url)).contains(code);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://stopitnow.example/\u0000",
        "https://stopitnow.example/\r\nSet-Cookie: a=b",
        "https://stopitnow.example/\t",
        "\thttps://stopitnow.example/",
        "https://stopitnow.example/\u007f"
      })
  void landingUrl_withControlCharacters_isRefused(String url) {
    assertThat(HOSTS.problem(url)).contains("invalid_character");
  }

  @org.junit.jupiter.api.Test
  void landingUrl_longerThanTheLimit_isRefused() {
    assertThat(HOSTS.problem("https://stopitnow.example/" + "a".repeat(2048)))
        .contains("invalid_length");
  }
}
