package be.helpline.insights.core.campaign;

import be.helpline.insights.core.traffic.CampaignTags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns kept in memory for a short while per execution environment, so that the redirect rarely
 * waits for storage. When storage fails, a campaign seen earlier is still used (however old), so
 * its visitors keep reaching its landing page. Unknown ids are remembered too, but only up to a
 * bound: anyone can request made-up ids.
 */
public final class CampaignCache implements CampaignTags {
  private static final int MAX_UNKNOWN = 1000;

  private record Entry(Campaign campaign, Instant fetchedAt) {}

  /**
   * What a lookup found.
   *
   * @param campaign the campaign, or null when unknown or unavailable
   * @param failure why storage could not be read, or null when it could
   */
  public record Lookup(Campaign campaign, RuntimeException failure) {
    public Optional<Campaign> found() {
      return Optional.ofNullable(campaign);
    }

    public Optional<RuntimeException> storageFailure() {
      return Optional.ofNullable(failure);
    }
  }

  private final CampaignStore store;
  private final Clock clock;
  private final Duration timeToLive;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Instant> unknown = new ConcurrentHashMap<>();

  public CampaignCache(CampaignStore store, Clock clock, Duration timeToLive) {
    this.store = store;
    this.clock = clock;
    this.timeToLive = timeToLive;
  }

  /** Never throws for a storage failure: it is returned with the stale entry, if any. */
  public Lookup find(String id) {
    Instant now = clock.instant();
    Entry cached = entries.get(id);
    if (cached != null && fresh(cached.fetchedAt(), now)) {
      return new Lookup(cached.campaign(), null);
    }
    Instant unknownSince = unknown.get(id);
    if (cached == null && unknownSince != null && fresh(unknownSince, now)) {
      return new Lookup(null, null);
    }
    Optional<Campaign> stored;
    try {
      stored = store.find(id);
    } catch (RuntimeException failure) {
      return new Lookup(cached == null ? null : cached.campaign(), failure);
    }
    if (stored.isPresent()) {
      entries.put(id, new Entry(stored.get(), now));
      unknown.remove(id);
    } else {
      entries.remove(id);
      if (unknown.size() < MAX_UNKNOWN || unknown.containsKey(id)) {
        unknown.put(id, now);
      }
    }
    return new Lookup(stored.orElse(null), null);
  }

  @Override
  public Tag tag(String campaignId) {
    Lookup lookup = find(campaignId);
    return new Tag(lookup.campaign(), lookup.failure() != null && lookup.campaign() == null);
  }

  private boolean fresh(Instant fetchedAt, Instant now) {
    return now.isBefore(fetchedAt.plus(timeToLive));
  }
}
