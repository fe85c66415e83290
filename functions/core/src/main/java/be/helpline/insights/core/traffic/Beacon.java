package be.helpline.insights.core.traffic;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.json.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated visit beacon. The path is checked, then only the configured section it falls in is
 * counted (the path itself is never stored); the campaign is an id, never a URL.
 *
 * @param campaignId the campaign the page view came from, or null
 * @param deviceFlags flags from a consenting device in returning mode, or null
 */
public record Beacon(
    String site,
    String path,
    SourceCategory source,
    String campaignId,
    boolean newVisit,
    DeviceFlags deviceFlags) {

  public Optional<String> campaign() {
    return Optional.ofNullable(campaignId);
  }

  public Optional<DeviceFlags> device() {
    return Optional.ofNullable(deviceFlags);
  }

  private static final Set<String> FIELDS =
      Set.of("site", "path", "source", "campaign", "newVisit", "device");
  private static final Set<String> DEVICE_FIELDS =
      Set.of("firstOfDay", "firstOfMonth", "firstEver", "firstReturn");
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_PATH = 512;

  /**
   * Reads a beacon body (JSON), naming every bad field at once: 400 {@code body: not_json} when it
   * is not JSON. Read as plain values ({@link JsonReader#plain}), not as a tree: a beacon is the
   * first request of a cold beacon function (issue 19).
   */
  public static Beacon read(byte[] body) {
    Object parsed;
    try {
      parsed = JsonReader.plain(body);
    } catch (IOException e) {
      throw InvalidInputException.of("body", "not_json");
    }
    if (!(parsed instanceof Map<?, ?> fields)) {
      throw InvalidInputException.of("body", "not_an_object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Object name : fields.keySet()) {
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError((String) name, "unknown_field"));
      }
    }
    String site = requiredText(fields, "site", "site", errors);
    String path = requiredText(fields, "path", "path", errors);
    if (path != null && (!path.startsWith("/") || path.length() > MAX_PATH)) {
      errors.add(new FieldError("path", "invalid_path"));
    }
    String sourceText = requiredText(fields, "source", "source", errors);
    SourceCategory source = null;
    if (sourceText != null) {
      source = SourceCategory.fromWire(sourceText).orElse(null);
      if (source == null) {
        errors.add(new FieldError("source", "not_in_vocabulary"));
      }
    }
    String campaign = null;
    Object campaignValue = fields.get("campaign");
    if (campaignValue != null) {
      if (campaignValue instanceof String id && CAMPAIGN_ID.matcher(id).matches()) {
        campaign = id;
      } else {
        errors.add(new FieldError("campaign", "invalid_campaign_id"));
      }
    }
    boolean newVisit = requiredBoolean(fields, "newVisit", "newVisit", errors);
    DeviceFlags device = null;
    Object deviceValue = fields.get("device");
    if (deviceValue != null) {
      device = device(deviceValue, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("the beacon is not valid", errors);
    }
    return new Beacon(site, normalisedPath(path), source, campaign, newVisit, device);
  }

  /** The page path without query string or fragment: those may carry identifiers. */
  static String normalisedPath(String path) {
    int cut = path.length();
    for (char separator : new char[] {'?', '#', ';'}) {
      int at = path.indexOf(separator);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return path.substring(0, cut);
  }

  private static DeviceFlags device(Object value, List<FieldError> errors) {
    if (!(value instanceof Map<?, ?> fields)) {
      errors.add(new FieldError("device", "not_an_object"));
      return null;
    }
    for (Object name : fields.keySet()) {
      if (!DEVICE_FIELDS.contains(name)) {
        errors.add(new FieldError("device." + name, "unknown_field"));
      }
    }
    int before = errors.size();
    boolean firstOfDay = requiredBoolean(fields, "firstOfDay", "device.firstOfDay", errors);
    boolean firstOfMonth = requiredBoolean(fields, "firstOfMonth", "device.firstOfMonth", errors);
    boolean firstEver = requiredBoolean(fields, "firstEver", "device.firstEver", errors);
    boolean firstReturn = requiredBoolean(fields, "firstReturn", "device.firstReturn", errors);
    if (errors.size() > before) {
      return null;
    }
    return new DeviceFlags(firstOfDay, firstOfMonth, firstEver, firstReturn);
  }

  /** As JsonFields.requiredText, over plain values: absent or null, "required"; else a string. */
  private static String requiredText(
      Map<?, ?> fields, String name, String reportedName, List<FieldError> errors) {
    Object value = fields.get(name);
    if (value == null) {
      errors.add(new FieldError(reportedName, "required"));
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(reportedName, "not_a_string"));
      return null;
    }
    return text;
  }

  /** As JsonFields.requiredBoolean, over plain values. */
  private static boolean requiredBoolean(
      Map<?, ?> fields, String name, String reportedName, List<FieldError> errors) {
    Object value = fields.get(name);
    if (value == null) {
      errors.add(new FieldError(reportedName, "required"));
      return false;
    }
    if (!(value instanceof Boolean bool)) {
      errors.add(new FieldError(reportedName, "not_a_boolean"));
      return false;
    }
    return bool;
  }
}
