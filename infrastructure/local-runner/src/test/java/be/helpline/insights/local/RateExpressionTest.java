package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateExpressionTest {

  @Test
  void rate_parsesMinutesHoursAndDays() {
    assertThat(RateExpression.parse("rate(1 hour)")).isEqualTo(Duration.ofHours(1));
    assertThat(RateExpression.parse("rate(15 minutes)")).isEqualTo(Duration.ofMinutes(15));
    assertThat(RateExpression.parse("rate(1 minute)")).isEqualTo(Duration.ofMinutes(1));
    assertThat(RateExpression.parse("rate(2 days)")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void cronOrNonsense_isRefused() {
    assertThatThrownBy(() -> RateExpression.parse("cron(0 * * * ? *)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateExpression.parse("rate(0 hours)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateExpression.parse("rate(1 week)"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
