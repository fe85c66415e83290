package be.helpline.insights.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.release.ReleaseCalendar;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationConfigTest {
  private static Map<String, String> env(Map<String, String> more) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "CAMPAIGNS_TABLE", "campaigns",
                "REGISTRATIONS_TABLE", "registrations",
                "LANDING_HOSTS", "stopitnow.example",
                "PROGRAMME_START", "2018-12-01",
                "REPORTING_TIME_ZONE", "Europe/Brussels",
                "RETENTION_DAYS", "3650",
                "REFERRAL_CODE_KEY", "alias/ReferralCodeKey"));
    env.putAll(more);
    return env;
  }

  @Test
  void from_withoutReleaseSettings_releasesAfter30SettlingAnd90OutcomeDays() {
    assertThat(RegistrationConfig.from(env(Map.of())).calendar())
        .isEqualTo(new ReleaseCalendar(30, 90));
  }

  @Test
  void from_readsTheAmendmentWindowAndReferralOutcomeDaysIntoOneCalendar() {
    RegistrationConfig config =
        RegistrationConfig.from(
            env(Map.of("AMENDMENT_WINDOW_DAYS", "14", "REFERRAL_OUTCOME_DAYS", "60")));

    assertThat(config.calendar()).isEqualTo(new ReleaseCalendar(14, 60));
  }

  @Test
  void from_negativeOrNonNumericOutcomeDays_failsFast() {
    assertThatThrownBy(() -> RegistrationConfig.from(env(Map.of("REFERRAL_OUTCOME_DAYS", "-1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistrationConfig.from(env(Map.of("REFERRAL_OUTCOME_DAYS", "soon"))))
        .isInstanceOf(NumberFormatException.class);
  }
}
