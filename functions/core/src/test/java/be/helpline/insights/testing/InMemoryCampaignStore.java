package be.helpline.insights.testing;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ImpressionReport;
import be.helpline.insights.core.campaign.ImpressionRow;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake of the campaign store for tests without network; it can be told to fail. */
public final class InMemoryCampaignStore implements CampaignStore {
  private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ImpressionRow>> impressions = new ConcurrentHashMap<>();
  private final Map<String, Long> reach = new ConcurrentHashMap<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicInteger reads = new AtomicInteger();

  public InMemoryCampaignStore with(Campaign campaign) {
    campaigns.put(campaign.id(), campaign);
    return this;
  }

  /** From now on every call fails as storage that does not answer. */
  public void goDown(boolean isDown) {
    down.set(isDown);
  }

  /** How many times {@link #find} was called. */
  public int reads() {
    return reads.get();
  }

  @Override
  public void save(Campaign campaign) {
    failIfDown();
    campaigns.put(campaign.id(), campaign);
  }

  @Override
  public Optional<Campaign> find(String id) {
    reads.incrementAndGet();
    failIfDown();
    return Optional.ofNullable(campaigns.get(id));
  }

  @Override
  public List<Campaign> list() {
    failIfDown();
    return new ArrayList<>(campaigns.values());
  }

  @Override
  public void saveImpressions(String campaignId, List<ImpressionRow> rows) {
    failIfDown();
    Map<String, ImpressionRow> stored =
        impressions.computeIfAbsent(campaignId, id -> new ConcurrentHashMap<>());
    rows.forEach(row -> stored.put(row.date() + "#" + row.creative(), row));
  }

  @Override
  public void saveReach(String campaignId, long reach) {
    failIfDown();
    this.reach.put(campaignId, reach);
  }

  @Override
  public ImpressionReport impressions(String campaignId) {
    failIfDown();
    return new ImpressionReport(
        new ArrayList<>(impressions.getOrDefault(campaignId, Map.of()).values()),
        reach.get(campaignId));
  }

  private void failIfDown() {
    if (down.get()) {
      throw new StorageUnavailableException("storage is down", new RuntimeException("down"));
    }
  }
}
