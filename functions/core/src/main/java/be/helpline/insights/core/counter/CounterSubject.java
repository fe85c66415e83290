package be.helpline.insights.core.counter;

/**
 * Something configured that counters may be kept for: a site, a campaign. Its id is a storage key,
 * so only configuration provides one (see {@link CounterKey}).
 */
public interface CounterSubject {
  String id();
}
