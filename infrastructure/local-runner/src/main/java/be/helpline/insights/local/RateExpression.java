package be.helpline.insights.local;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge's {@code rate(N unit)} schedule expression; cron expressions are not played locally.
 */
final class RateExpression {
  private static final Pattern RATE =
      Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

  private RateExpression() {}

  static Duration parse(String expression) {
    Matcher matcher = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "only rate(N minute(s)|hour(s)|day(s)) runs locally, not " + expression);
    }
    long amount = Long.parseLong(matcher.group(1));
    if (amount <= 0) {
      throw new IllegalArgumentException("a rate must be positive: " + expression);
    }
    return switch (matcher.group(2)) {
      case "minute", "minutes" -> Duration.ofMinutes(amount);
      case "hour", "hours" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
