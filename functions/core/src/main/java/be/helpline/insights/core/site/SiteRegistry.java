package be.helpline.insights.core.site;

import be.helpline.insights.core.json.JsonReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The measured sites, from configuration (the {@code SITES} variable): {@code {"selfhelp":
 * {"origin": "https://selfhelp.example", "mode": "returning", "sections": {"module":
 * "/module/{n}"}}}}. Mode defaults to anonymous; sections ({@link SiteSections}) to none.
 */
public final class SiteRegistry {
  private static final Pattern SITE_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:\\d{1,5})?");

  private final Map<String, Site> sites;

  private SiteRegistry(Map<String, Site> sites) {
    this.sites = Collections.unmodifiableMap(new TreeMap<>(sites));
  }

  public static SiteRegistry fromJson(String json) {
    Object root;
    try {
      root = JsonReader.plain(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("SITES is not valid JSON", e);
    }
    if (!(root instanceof Map<?, ?> entries) || entries.isEmpty()) {
      throw new IllegalArgumentException("SITES must be a non-empty JSON object of sites");
    }
    Map<String, Site> sites = new TreeMap<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String id = (String) entry.getKey();
      Map<?, ?> site = entry.getValue() instanceof Map<?, ?> object ? object : Map.of();
      String origin = text(site, "origin", "");
      if (!SITE_ID.matcher(id).matches() || !ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("SITES: bad id or origin for site " + id);
      }
      VisitorMode mode =
          VisitorMode.valueOf(text(site, "mode", "anonymous").toUpperCase(Locale.ROOT));
      sites.put(id, new Site(id, origin, mode, SiteSections.fromJson(id, site.get("sections"))));
    }
    return new SiteRegistry(sites);
  }

  /** A member as text, as a tree's {@code path(name).asText(orElse)} reads it. */
  private static String text(Map<?, ?> object, String name, String orElse) {
    Object value = object.get(name);
    if (value == null) {
      return orElse;
    }
    return value instanceof Map || value instanceof List ? "" : value.toString();
  }

  public Optional<Site> find(String id) {
    return Optional.ofNullable(sites.get(id));
  }

  /** Every site, ordered by id (snapshots list them in this order). */
  public List<Site> all() {
    return new ArrayList<>(sites.values());
  }
}
