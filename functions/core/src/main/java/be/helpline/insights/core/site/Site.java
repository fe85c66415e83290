package be.helpline.insights.core.site;

import be.helpline.insights.core.counter.CounterSubject;

/**
 * A measured website: its id as beacons name it, the one origin it posts from, its counting mode
 * and the sections its page views count under.
 */
public record Site(String id, String origin, VisitorMode mode, SiteSections sections)
    implements CounterSubject {

  /** A site without sections: every page view counts under {@value SiteSections#OTHER}. */
  public Site(String id, String origin, VisitorMode mode) {
    this(id, origin, mode, SiteSections.none());
  }
}
