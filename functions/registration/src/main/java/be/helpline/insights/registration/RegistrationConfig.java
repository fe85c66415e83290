package be.helpline.insights.registration;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.campaign.LandingHosts;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** The registration function's configuration, read once from its environment; fails fast. */
record RegistrationConfig(
    AwsConfig aws,
    String campaignsTable,
    LandingHosts landingHosts,
    String registrationsTable,
    LocalDate programmeStart,
    ZoneId zone,
    int retentionDays,
    int amendmentWindowDays) {
  static final int DEFAULT_AMENDMENT_WINDOW_DAYS = 30;

  static RegistrationConfig from(Map<String, String> env) {
    String window = env.get("AMENDMENT_WINDOW_DAYS");
    return new RegistrationConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        LandingHosts.fromConfig(AwsConfig.require(env, "LANDING_HOSTS")),
        AwsConfig.require(env, "REGISTRATIONS_TABLE"),
        LocalDate.parse(AwsConfig.require(env, "PROGRAMME_START")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")),
        Integer.parseInt(AwsConfig.require(env, "RETENTION_DAYS")),
        window == null || window.isBlank()
            ? DEFAULT_AMENDMENT_WINDOW_DAYS
            : Integer.parseInt(window));
  }
}
