package be.helpline.insights.core.traffic;

import be.helpline.insights.core.counter.CounterSubject;

/**
 * Port: which campaign a visit's {@code campaign} tag names. Only a configured campaign becomes a
 * landing counter; implemented by the campaigns' cache, so that traffic does not depend on them.
 */
public interface CampaignTags {

  /** What a tag names; never throws for a storage failure. */
  Tag tag(String campaignId);

  /**
   * @param campaign the configured campaign, or null when the id is unknown or could not be checked
   * @param unavailable whether the campaigns could not be read (an id that cannot be checked is
   *     never kept, nor counted as unknown)
   */
  record Tag(CounterSubject campaign, boolean unavailable) {}
}
