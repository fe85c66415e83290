package be.helpline.insights.core.json;

import be.helpline.insights.core.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads fields of a request body while collecting every bad one, so that a 400 names them all at
 * once.
 */
public final class JsonFields {
  private JsonFields() {}

  /** The string value of a required field, or null after recording why it is missing or wrong. */
  public static String requiredText(JsonNode body, String name, List<FieldError> errors) {
    return requiredText(body, name, name, errors);
  }

  /**
   * The same, reporting the field as {@code reportedName} (a nested field's path, or the vocabulary
   * field a referral's member belongs to).
   */
  public static String requiredText(
      JsonNode body, String name, String reportedName, List<FieldError> errors) {
    JsonNode node = present(body, name, reportedName, errors);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(reportedName, "not_a_string"));
      return null;
    }
    return node.asText();
  }

  /** The value of a required boolean field, or false after recording why it is missing or wrong. */
  public static boolean requiredBoolean(
      JsonNode body, String name, String reportedName, List<FieldError> errors) {
    JsonNode node = present(body, name, reportedName, errors);
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      errors.add(new FieldError(reportedName, "not_a_boolean"));
      return false;
    }
    return node.asBoolean();
  }

  private static JsonNode present(
      JsonNode body, String name, String reportedName, List<FieldError> errors) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      errors.add(new FieldError(reportedName, "required"));
      return null;
    }
    return node;
  }
}
