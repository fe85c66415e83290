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
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      errors.add(new FieldError(name, "required"));
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(name, "not_a_string"));
      return null;
    }
    return node.asText();
  }
}
