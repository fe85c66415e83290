package be.helpline.insights.core.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a site that page views are counted under, from its configuration: {@code "sections":
 * {"module": "/module/{n}", "start": ["/", "/index.html"]}}. A pattern's segments are matched one
 * by one: a literal segment exactly, {@code {name}} any one segment, and a last segment {@code *}
 * one or more segments. The first section (in configuration order) with a matching pattern wins; a
 * path no pattern matches counts under {@value #OTHER}. So a section key always comes from
 * configuration, never from a request, and a site's day has a bounded number of counters.
 */
public final class SiteSections {
  /** The key of every path that no configured pattern matches. */
  public static final String OTHER = "other";

  /** At most this many sections per site (each adds two counters to a site's day). */
  public static final int MAX_SECTIONS = 20;

  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9-]{0,31}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,=:@%-]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]{0,31}}");
  private static final String REST = "*";
  private static final SiteSections NONE = new SiteSections(List.of());

  private record Section(String key, List<List<String>> patterns) {}

  private final List<Section> sections;
  private final List<String> keys;

  private SiteSections(List<Section> sections) {
    this.sections = List.copyOf(sections);
    List<String> keys = new ArrayList<>();
    sections.forEach(section -> keys.add(section.key()));
    keys.add(OTHER);
    this.keys = Collections.unmodifiableList(keys);
  }

  /** No sections: every page view counts under {@value #OTHER}. */
  public static SiteSections none() {
    return NONE;
  }

  /**
   * Reads a site's {@code sections} object (absent or null: none).
   *
   * @throws IllegalArgumentException naming the site, the section and what is wrong with it
   */
  public static SiteSections fromJson(String siteId, Object value) {
    if (value == null) {
      return NONE;
    }
    String where = "SITES: site " + siteId + ": ";
    if (!(value instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException(where + "sections must be an object of path patterns");
    }
    if (object.size() > MAX_SECTIONS) {
      throw new IllegalArgumentException(
          where + "at most " + MAX_SECTIONS + " sections, found " + object.size());
    }
    List<Section> sections = new ArrayList<>();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String key = (String) entry.getKey();
      if (!KEY.matcher(key).matches() || key.equals(OTHER)) {
        throw new IllegalArgumentException(
            where
                + "section name '"
                + key
                + "' must be a letter then letters, digits or '-' (at most 32), and"
                + " not '"
                + OTHER
                + "'");
      }
      List<List<String>> patterns = new ArrayList<>();
      if (entry.getValue() instanceof String text) {
        patterns.add(pattern(where, key, text));
      } else if (entry.getValue() instanceof List<?> list && !list.isEmpty()) {
        for (Object pattern : list) {
          patterns.add(pattern(where, key, pattern instanceof String text ? text : ""));
        }
      } else {
        throw new IllegalArgumentException(
            where + "section " + key + " needs a path pattern or a list of them");
      }
      sections.add(new Section(key, List.copyOf(patterns)));
    }
    return new SiteSections(sections);
  }

  /** The section a page path counts under: the first configured match, else {@value #OTHER}. */
  public String sectionOf(String path) {
    if (sections.isEmpty()) {
      return OTHER;
    }
    List<String> segments = segments(path);
    for (Section section : sections) {
      for (List<String> pattern : section.patterns()) {
        if (matches(pattern, segments)) {
          return section.key();
        }
      }
    }
    return OTHER;
  }

  /** Every key a page view can count under: the configured sections in order, then other. */
  public List<String> keys() {
    return keys;
  }

  private static List<String> pattern(String where, String key, String pattern) {
    String problem = null;
    if (!pattern.startsWith("/")) {
      problem = "must start with '/'";
    }
    List<String> segments = segments(pattern);
    for (int i = 0; problem == null && i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (!(LITERAL.matcher(segment).matches()
          || PLACEHOLDER.matcher(segment).matches()
          || (last && segment.equals(REST)))) {
        problem = "has a segment '" + segment + "' that is not a name, a {placeholder} or a last *";
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          where + "section " + key + ": pattern '" + pattern + "' " + problem);
    }
    return List.copyOf(segments);
  }

  /** The non-empty segments of a path: "/module/3/" and "/module//3" are both [module, 3]. */
  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      if (end > start) {
        segments.add(path.substring(start, end));
      }
      start = end + 1;
    }
    return segments;
  }

  private static boolean matches(List<String> pattern, List<String> segments) {
    int size = pattern.size();
    boolean rest = size > 0 && pattern.get(size - 1).equals(REST);
    if (rest ? segments.size() < size : segments.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      String expected = pattern.get(i);
      if (rest && i == size - 1) {
        return true;
      }
      if (!expected.startsWith("{") && !expected.equals(segments.get(i))) {
        return false;
      }
    }
    return true;
  }
}
