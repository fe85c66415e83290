package be.helpline.insights.core.traffic;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells automated clients from browsers by User-Agent, in memory only: the User-Agent is never
 * stored or logged. Deliberately simple: it catches self-declared crawlers, monitors, HTTP
 * libraries and headless browsers; a client that lies is counted like a browser.
 */
public final class BotDetector {
  private static final Pattern AUTOMATED =
      Pattern.compile(
          "bot\\b|bot/|crawl|spider|slurp|scrape|archiver|headless|phantomjs|lighthouse|pingdom|"
              + "uptime|monitor|preview|facebookexternalhit|embedly|python-|python/|curl/|wget/|"
              + "httpclient|okhttp|java/|go-http-client|node-fetch|axios/|libwww|scrapy|postman");

  private BotDetector() {}

  public static boolean isAutomated(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return true;
    }
    return AUTOMATED.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
  }

  /** A speculative load that nobody looked at yet. */
  public static boolean isPrefetch(String secPurpose, String purpose) {
    return containsPrefetch(secPurpose) || containsPrefetch(purpose);
  }

  private static boolean containsPrefetch(String header) {
    if (header == null) {
      return false;
    }
    String value = header.toLowerCase(Locale.ROOT);
    return value.contains("prefetch") || value.contains("prerender");
  }
}
