package be.helpline.insights.core.campaign;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.json.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /v1/campaigns/{id}}: {@code {"name", "start", "end", "landingUrl",
 * "creatives": {"c1": "label", …}}}, naming every bad field at once.
 */
final class CampaignInput {
  static final int MAX_TEXT = 200;
  static final int MAX_CREATIVES = 20;
  private static final Set<String> FIELDS =
      Set.of("name", "start", "end", "landingUrl", "creatives");

  private CampaignInput() {}

  static Campaign read(String id, JsonNode body, LandingHosts hosts) {
    List<FieldError> errors = new ArrayList<>();
    if (!Campaign.isValidId(id)) {
      errors.add(new FieldError("id", "invalid_id"));
    }
    if (body == null || !body.isObject()) {
      errors.add(new FieldError("body", "not_an_object"));
      throw new InvalidInputException("the campaign is not valid", errors);
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name.length() > 64 ? "body" : name, "unknown_field"));
              }
            });
    String name = JsonFields.requiredText(body, "name", errors);
    if (name != null && !validText(name)) {
      errors.add(new FieldError("name", "invalid_length_or_character"));
    }
    LocalDate start = date(body, "start", errors);
    LocalDate end = date(body, "end", errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(new FieldError("end", "before_start"));
    }
    String landingUrl = JsonFields.requiredText(body, "landingUrl", errors);
    if (landingUrl != null) {
      hosts
          .problem(landingUrl)
          .ifPresent(problem -> errors.add(new FieldError("landingUrl", problem)));
    }
    Map<String, String> creatives = creatives(body.get("creatives"), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("the campaign is not valid", errors);
    }
    return new Campaign(id, name, start, end, landingUrl, creatives);
  }

  private static Map<String, String> creatives(JsonNode node, List<FieldError> errors) {
    Map<String, String> creatives = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      errors.add(new FieldError("creatives", "required"));
      return creatives;
    }
    if (!node.isObject()) {
      errors.add(new FieldError("creatives", "not_an_object"));
      return creatives;
    }
    if (node.isEmpty() || node.size() > MAX_CREATIVES) {
      errors.add(new FieldError("creatives", "between_1_and_" + MAX_CREATIVES));
    }
    node.properties()
        .forEach(
            entry -> {
              String creativeId = entry.getKey();
              if (!Campaign.isValidId(creativeId)) {
                // The id is not echoed back: it may be anything.
                errors.add(new FieldError("creatives", "invalid_creative_id"));
                return;
              }
              JsonNode label = entry.getValue();
              if (!label.isTextual()) {
                errors.add(new FieldError("creatives." + creativeId, "not_a_string"));
              } else if (!validText(label.asText())) {
                errors.add(
                    new FieldError("creatives." + creativeId, "invalid_length_or_character"));
              } else {
                creatives.put(creativeId, label.asText());
              }
            });
    return creatives;
  }

  private static boolean validText(String text) {
    int length = text.codePointCount(0, text.length());
    return length >= 1
        && length <= MAX_TEXT
        && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
        && text.codePoints().noneMatch(Character::isISOControl);
  }

  private static LocalDate date(JsonNode body, String name, List<FieldError> errors) {
    String text = JsonFields.requiredText(body, name, errors);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "not_a_date"));
      return null;
    }
  }
}
