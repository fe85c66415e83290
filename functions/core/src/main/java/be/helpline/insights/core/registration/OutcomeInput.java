package be.helpline.insights.core.registration;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code {"outcome": "ARRIVED" | "NOT_ARRIVED"}}; the codes come from the vocabulary. */
final class OutcomeInput {
  private OutcomeInput() {}

  static String read(JsonNode body, Vocabulary vocabulary) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw InvalidInputException.of("body", "not_an_object");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("outcome")) {
                // A long or odd name is not echoed back: it may be free text.
                errors.add(
                    new FieldError(
                        name.matches("[A-Za-z0-9_]{1,64}") ? name : "body", "unknown_field"));
              }
            });
    JsonNode node = body.get("outcome");
    if (node == null || node.isNull()) {
      errors.add(new FieldError("outcome", "required"));
    } else if (!node.isTextual()) {
      errors.add(new FieldError("outcome", "not_a_string"));
    } else if (!vocabulary.field("outcome").allows(node.asText())) {
      errors.add(new FieldError("outcome", "not_in_vocabulary"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "the outcome is not valid", errors.stream().distinct().toList());
    }
    return node.asText();
  }
}
