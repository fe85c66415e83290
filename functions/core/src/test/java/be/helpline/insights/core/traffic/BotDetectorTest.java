package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotDetectorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " HeadlessChrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.31.0",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "UptimeRobot/2.0",
        "Go-http-client/1.1",
        ""
      })
  void isAutomated_knownAutomation_isTrue(String userAgent) {
    assertThat(BotDetector.isAutomated(userAgent)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
            + " Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
            + " Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"
      })
  void isAutomated_browsers_isFalse(String userAgent) {
    assertThat(BotDetector.isAutomated(userAgent)).isFalse();
  }

  @Test
  void isPrefetch_readsSecPurposeAndPurpose() {
    assertThat(BotDetector.isPrefetch("prefetch", "")).isTrue();
    assertThat(BotDetector.isPrefetch("prefetch;prerender", "")).isTrue();
    assertThat(BotDetector.isPrefetch("", "prefetch")).isTrue();
    assertThat(BotDetector.isPrefetch("", "")).isFalse();
    assertThat(BotDetector.isPrefetch(null, null)).isFalse();
  }
}
