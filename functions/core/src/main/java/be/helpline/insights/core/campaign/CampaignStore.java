package be.helpline.insights.core.campaign;

import java.util.List;
import java.util.Optional;

/**
 * Port: the configured campaigns. Each method throws a {@code StorageUnavailableException} when
 * storage does not answer.
 */
public interface CampaignStore {

  /** Stores the campaign, replacing any earlier configuration of the same id. */
  void save(Campaign campaign);

  Optional<Campaign> find(String id);

  /** Every campaign, in no particular order. */
  List<Campaign> list();
}
