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

  /**
   * Stores impression rows of a campaign, each replacing the stored row of the same (date,
   * creative), so importing a report again changes nothing. A failure midway may leave some rows
   * stored: the import is then safe to repeat.
   */
  void saveImpressions(String campaignId, List<ImpressionRow> rows);

  /** Stores the campaign's reach, replacing the earlier figure. */
  void saveReach(String campaignId, long reach);

  /** The stored rows and reach of a campaign ({@link ImpressionReport#NONE} when none). */
  ImpressionReport impressions(String campaignId);
}
