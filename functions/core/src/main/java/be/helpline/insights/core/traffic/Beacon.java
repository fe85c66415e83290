package be.helpline.insights.core.traffic;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.json.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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

  /** Reads a beacon body, naming every bad field at once. */
  public static Beacon from(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw InvalidInputException.of("body", "not_an_object");
    }
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown_field"));
              }
            });
    String site = JsonFields.requiredText(body, "site", errors);
    String path = JsonFields.requiredText(body, "path", errors);
    if (path != null && (!path.startsWith("/") || path.length() > MAX_PATH)) {
      errors.add(new FieldError("path", "invalid_path"));
    }
    String sourceText = JsonFields.requiredText(body, "source", errors);
    SourceCategory source = null;
    if (sourceText != null) {
      source = SourceCategory.fromWire(sourceText).orElse(null);
      if (source == null) {
        errors.add(new FieldError("source", "not_in_vocabulary"));
      }
    }
    String campaign = null;
    JsonNode campaignNode = body.get("campaign");
    if (campaignNode != null && !campaignNode.isNull()) {
      if (campaignNode.isTextual() && CAMPAIGN_ID.matcher(campaignNode.asText()).matches()) {
        campaign = campaignNode.asText();
      } else {
        errors.add(new FieldError("campaign", "invalid_campaign_id"));
      }
    }
    boolean newVisit = JsonFields.requiredBoolean(body, "newVisit", "newVisit", errors);
    DeviceFlags device = null;
    JsonNode deviceNode = body.get("device");
    if (deviceNode != null && !deviceNode.isNull()) {
      device = device(deviceNode, errors);
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

  private static DeviceFlags device(JsonNode node, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError("device", "not_an_object"));
      return null;
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!DEVICE_FIELDS.contains(name)) {
                errors.add(new FieldError("device." + name, "unknown_field"));
              }
            });
    int before = errors.size();
    boolean firstOfDay =
        JsonFields.requiredBoolean(node, "firstOfDay", "device.firstOfDay", errors);
    boolean firstOfMonth =
        JsonFields.requiredBoolean(node, "firstOfMonth", "device.firstOfMonth", errors);
    boolean firstEver = JsonFields.requiredBoolean(node, "firstEver", "device.firstEver", errors);
    boolean firstReturn =
        JsonFields.requiredBoolean(node, "firstReturn", "device.firstReturn", errors);
    if (errors.size() > before) {
      return null;
    }
    return new DeviceFlags(firstOfDay, firstOfMonth, firstEver, firstReturn);
  }
}
