package be.helpline.insights.core.campaign;

import be.helpline.insights.core.json.JsonBody;
import java.util.Comparator;
import java.util.List;

/** Use case: coordinators configure campaigns; coordinators and analysts list them. */
public final class CampaignAdmin {

  private final CampaignStore store;
  private final LandingHosts hosts;

  public CampaignAdmin(CampaignStore store, LandingHosts hosts) {
    this.store = store;
    this.hosts = hosts;
  }

  /**
   * Validates the body and stores it as campaign {@code id}, replacing an earlier version. Throws
   * 413 beyond 64 KB, 415 for a body that is not {@code application/json}, 400 naming each bad
   * field.
   */
  public Campaign configure(String id, String contentType, byte[] body) {
    Campaign campaign = CampaignInput.read(id, JsonBody.read(contentType, body), hosts);
    store.save(campaign);
    return campaign;
  }

  /** Every campaign, by start date (then id). */
  public List<Campaign> list() {
    return store.list().stream()
        .sorted(Comparator.comparing(Campaign::start).thenComparing(Campaign::id))
        .toList();
  }
}
