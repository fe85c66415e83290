package be.helpline.insights.core.traffic;

import java.util.Locale;
import java.util.Optional;

/** Where a page view came from, categorised on the device so that the referrer never leaves it. */
public enum SourceCategory {
  SEARCH,
  SOCIAL,
  CAMPAIGN,
  INTERNAL,
  OTHER,
  DIRECT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SourceCategory> fromWire(String value) {
    for (SourceCategory category : values()) {
      if (category.wireName().equals(value)) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }
}
