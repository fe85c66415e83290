package be.helpline.insights.click;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.campaign.LandingHosts;
import java.time.ZoneId;
import java.util.Map;

/** The click function's configuration, read once from its environment; fails fast. */
record ClickConfig(
    AwsConfig aws,
    String countersTable,
    String campaignsTable,
    LandingHosts landingHosts,
    String defaultLandingUrl,
    int shards,
    int retentionDays,
    ZoneId zone) {

  static ClickConfig from(Map<String, String> env) {
    String defaultLandingUrl = AwsConfig.require(env, "DEFAULT_LANDING_URL");
    LandingHosts.httpsProblem(defaultLandingUrl)
        .ifPresent(
            problem -> {
              throw new IllegalStateException("DEFAULT_LANDING_URL: " + problem);
            });
    return new ClickConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "COUNTERS_TABLE"),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        LandingHosts.fromConfig(AwsConfig.require(env, "LANDING_HOSTS")),
        defaultLandingUrl,
        Integer.parseInt(AwsConfig.require(env, "COUNTER_SHARDS")),
        Integer.parseInt(AwsConfig.require(env, "RETENTION_DAYS")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")));
  }
}
