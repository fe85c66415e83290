package be.helpline.insights.beacon;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.site.SiteRegistry;
import java.time.ZoneId;
import java.util.Map;

/**
 * The beacon function's configuration, read once from its environment; fails fast on a missing key.
 */
record BeaconConfig(
    AwsConfig aws,
    String countersTable,
    String campaignsTable,
    String originSecret,
    SiteRegistry sites,
    int shards,
    int retentionDays,
    ZoneId zone) {

  static BeaconConfig from(Map<String, String> env) {
    return new BeaconConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "COUNTERS_TABLE"),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        env.getOrDefault("ORIGIN_SECRET", ""),
        SiteRegistry.fromJson(AwsConfig.require(env, "SITES")),
        Integer.parseInt(AwsConfig.require(env, "COUNTER_SHARDS")),
        Integer.parseInt(AwsConfig.require(env, "RETENTION_DAYS")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")));
  }
}
