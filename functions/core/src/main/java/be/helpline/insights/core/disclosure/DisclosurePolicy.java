package be.helpline.insights.core.disclosure;

/**
 * How counts derived from registrations are protected before publication (SPEC section 6), recorded
 * in every manifest. {@code threshold5}: 1 to 4 suppressed. {@code round5}: 1 to 7 suppressed, the
 * rest rounded to the nearest 5.
 *
 * @param smallestPublished the smallest non-zero count that is published
 * @param roundTo published counts are rounded to a multiple of this
 */
public record DisclosurePolicy(String name, int smallestPublished, int roundTo) {

  public static DisclosurePolicy named(String name) {
    return switch (name) {
      case "threshold5" -> new DisclosurePolicy(name, 5, 1);
      case "round5" -> new DisclosurePolicy(name, 8, 5);
      default -> throw new IllegalArgumentException("unknown disclosure policy " + name);
    };
  }
}
