package be.helpline.insights.core.campaign;

import be.helpline.insights.core.counter.CounterSubject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A banner campaign as a coordinator configured it: its window (inclusive, in reporting days), the
 * landing URL its clicks go to and its creatives (id to label, in the order given).
 */
public record Campaign(
    String id,
    String name,
    LocalDate start,
    LocalDate end,
    String landingUrl,
    Map<String, String> creatives)
    implements CounterSubject {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public Campaign {
    creatives = Collections.unmodifiableMap(new LinkedHashMap<>(creatives));
  }

  /** Campaign and creative ids: {@code [A-Za-z0-9_-]{1,64}}. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public boolean hasCreative(String creativeId) {
    return creatives.containsKey(creativeId);
  }

  public boolean runsOn(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  /**
   * The landing URL with the campaign's utm parameters, added to its query (before any fragment).
   */
  public String landingUrlFor(String creativeId) {
    String utm =
        "utm_source=banner&utm_campaign="
            + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "&utm_content="
            + URLEncoder.encode(creativeId, StandardCharsets.UTF_8);
    int hash = landingUrl.indexOf('#');
    String base = hash < 0 ? landingUrl : landingUrl.substring(0, hash);
    String fragment = hash < 0 ? "" : landingUrl.substring(hash);
    String separator;
    if (base.indexOf('?') < 0) {
      separator = "?";
    } else if (base.endsWith("?") || base.endsWith("&")) {
      separator = "";
    } else {
      separator = "&";
    }
    return base + separator + utm + fragment;
  }
}
