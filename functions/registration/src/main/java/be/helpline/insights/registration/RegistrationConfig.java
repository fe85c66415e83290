package be.helpline.insights.registration;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.campaign.LandingHosts;
import be.helpline.insights.core.release.ReleaseCalendar;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The registration function's configuration, read once from its environment; fails fast.
 *
 * @param calendar when months are released: AMENDMENT_WINDOW_DAYS (also the amendment window) and
 *     REFERRAL_OUTCOME_DAYS, the same values the aggregator is given
 * @param referralCodeKey the KMS key (id, ARN or alias) that seals referral codes
 */
record RegistrationConfig(
    AwsConfig aws,
    String campaignsTable,
    LandingHosts landingHosts,
    String registrationsTable,
    LocalDate programmeStart,
    ZoneId zone,
    int retentionDays,
    ReleaseCalendar calendar,
    String referralCodeKey) {
  static final int DEFAULT_AMENDMENT_WINDOW_DAYS = 30;
  static final int DEFAULT_REFERRAL_OUTCOME_DAYS = 90;

  static RegistrationConfig from(Map<String, String> env) {
    return new RegistrationConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        LandingHosts.fromConfig(AwsConfig.require(env, "LANDING_HOSTS")),
        AwsConfig.require(env, "REGISTRATIONS_TABLE"),
        LocalDate.parse(AwsConfig.require(env, "PROGRAMME_START")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")),
        Integer.parseInt(AwsConfig.require(env, "RETENTION_DAYS")),
        new ReleaseCalendar(
            days(env, "AMENDMENT_WINDOW_DAYS", DEFAULT_AMENDMENT_WINDOW_DAYS),
            days(env, "REFERRAL_OUTCOME_DAYS", DEFAULT_REFERRAL_OUTCOME_DAYS)),
        AwsConfig.require(env, "REFERRAL_CODE_KEY"));
  }

  private static int days(Map<String, String> env, String name, int otherwise) {
    String value = env.get(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
  }
}
