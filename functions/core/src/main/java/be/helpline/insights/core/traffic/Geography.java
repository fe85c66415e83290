package be.helpline.insights.core.traffic;

import java.util.Locale;
import java.util.Set;

/**
 * Where a page view came from, only as coarse as SPEC privacy rule 5 allows, and only from
 * CloudFront's viewer headers (never from the IP address).
 */
public enum Geography {
  BE_VLG("BE-VLG"),
  BE_BRU("BE-BRU"),
  BE_WAL("BE-WAL"),
  NL("NL"),
  OTHER("OTHER"),
  UNKNOWN("UNKNOWN");

  private static final Set<String> FLEMISH = Set.of("VAN", "VBR", "VLI", "VOV", "VWV", "VLG");
  private static final Set<String> WALLOON = Set.of("WAL", "WBR", "WHT", "WLG", "WLX", "WNA");

  private final String code;

  Geography(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * Maps {@code CloudFront-Viewer-Country} and {@code CloudFront-Viewer-Country-Region}. A Belgian
   * viewer whose region CloudFront could not tell is UNKNOWN: the region is what the figures are
   * about.
   */
  public static Geography from(String country, String region) {
    String c = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
    String r = region == null ? "" : region.trim().toUpperCase(Locale.ROOT);
    if (c.isEmpty()) {
      return UNKNOWN;
    }
    if (c.equals("BE")) {
      if (FLEMISH.contains(r)) {
        return BE_VLG;
      }
      if (r.equals("BRU")) {
        return BE_BRU;
      }
      return WALLOON.contains(r) ? BE_WAL : UNKNOWN;
    }
    if (c.equals("NL")) {
      return NL;
    }
    return c.matches("[A-Z]{2}") ? OTHER : UNKNOWN;
  }
}
