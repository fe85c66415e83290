package be.helpline.insights.core.registration;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.json.JsonFields;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a registration body (SPEC section 3) strictly, naming every bad field at once: only the
 * listed fields, only codes of the {@link Vocabulary}, the right JSON types, sets without
 * duplicates, the conditional fields exactly when their condition holds, and a contact date from
 * the programme's start to today. No field can carry free text.
 */
public final class RegistrationInput {
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "contactDate",
          "channel",
          "callerGroup",
          "selfConcern",
          "topics",
          "pastOffences",
          "justiceHistory",
          "risk",
          "support",
          "referral",
          "gender",
          "ageBand",
          "howHeard",
          "firstContact");
  private static final Set<String> REFERRAL_FIELDS = Set.of("centreType", "region");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final int MAX_ECHOED_NAME = 64;

  private final Vocabulary vocabulary;
  private final LocalDate programmeStart;

  public RegistrationInput(Vocabulary vocabulary, LocalDate programmeStart) {
    this.vocabulary = vocabulary;
    this.programmeStart = programmeStart;
  }

  /** True for an id in the UUID form the form generates (any case). */
  public static boolean isValidId(String id) {
    return id != null && UUID.matcher(id).matches();
  }

  /**
   * The registration the body describes, with {@code today} the reporting day; throws {@link
   * InvalidInputException} naming each bad field.
   */
  public Registration read(JsonNode body, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(
          "the registration is not valid", List.of(new FieldError("body", "not_an_object")));
    }
    unknownFields(body, FIELDS, "", errors);

    String id = JsonFields.requiredText(body, "id", errors);
    if (id != null && !isValidId(id)) {
      errors.add(new FieldError("id", "not_a_uuid"));
      id = null;
    }
    LocalDate contactDate = contactDate(body, today, errors);
    String channel = code(body, "channel", "channel", errors);
    String callerGroup = code(body, "callerGroup", "callerGroup", errors);
    List<String> selfConcern = codes(body, "selfConcern", errors);
    List<String> topics = codes(body, "topics", errors);
    String pastOffences = code(body, "pastOffences", "pastOffences", errors);
    List<String> justiceHistory = codes(body, "justiceHistory", errors);
    String risk = code(body, "risk", "risk", errors);
    List<String> support = codes(body, "support", errors);
    Registration.Referral referral = referral(body.get("referral"), errors);
    String gender = code(body, "gender", "gender", errors);
    String ageBand = code(body, "ageBand", "ageBand", errors);
    String howHeard = code(body, "howHeard", "howHeard", errors);
    String firstContact = code(body, "firstContact", "firstContact", errors);

    if (callerGroup != null) {
      boolean self = callerGroup.equals(Registration.SELF);
      conditional(body, "selfConcern", self, errors);
    }
    if (!body.has("support")) {
      errors.add(new FieldError("support", "required"));
    } else if (support != null) {
      if (support.isEmpty() && body.get("support").isEmpty()) {
        errors.add(new FieldError("support", "empty"));
      }
      conditional(body, "referral", support.contains(Registration.REFERRAL), errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "the registration is not valid", errors.stream().distinct().toList());
    }
    return new Registration(
        id.toLowerCase(Locale.ROOT),
        contactDate,
        channel,
        callerGroup,
        callerGroup.equals(Registration.SELF) ? selfConcern : List.of(),
        orEmpty(topics),
        pastOffences,
        orEmpty(justiceHistory),
        risk,
        support,
        support.contains(Registration.REFERRAL) ? referral : null,
        gender,
        ageBand,
        howHeard,
        firstContact);
  }

  /**
   * A conditional field (selfConcern, referral) must be present and non-empty when its condition
   * holds and absent when it does not.
   */
  private static void conditional(
      JsonNode body, String name, boolean required, List<FieldError> errors) {
    JsonNode node = body.get(name);
    boolean present = node != null;
    if (required && !present) {
      errors.add(new FieldError(name, "required"));
    } else if (required && node.isArray() && node.isEmpty()) {
      errors.add(new FieldError(name, "empty"));
    } else if (!required && present) {
      errors.add(new FieldError(name, "not_allowed"));
    }
  }

  private static void unknownFields(
      JsonNode object, Set<String> allowed, String prefix, List<FieldError> errors) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                // A long or odd name is not echoed back: it may be free text.
                boolean echo = name.length() <= MAX_ECHOED_NAME && name.matches("[A-Za-z0-9_.]+");
                errors.add(
                    new FieldError(
                        echo ? prefix + name : (prefix.isEmpty() ? "body" : prefix + "*"),
                        "unknown_field"));
              }
            });
  }

  private LocalDate contactDate(JsonNode body, LocalDate today, List<FieldError> errors) {
    String text = JsonFields.requiredText(body, "contactDate", errors);
    if (text == null) {
      return null;
    }
    LocalDate date;
    try {
      date = DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null) {
      errors.add(new FieldError("contactDate", "not_a_date"));
    } else if (date.isAfter(today)) {
      errors.add(new FieldError("contactDate", "in_the_future"));
    } else if (date.isBefore(programmeStart)) {
      errors.add(new FieldError("contactDate", "before_programme_start"));
    } else {
      return date;
    }
    return null;
  }

  /** A required single code of the vocabulary field {@code field}. */
  private String code(JsonNode object, String name, String field, List<FieldError> errors) {
    String text = JsonFields.requiredText(object, name, field, errors);
    if (text != null && !vocabulary.field(field).allows(text)) {
      errors.add(new FieldError(field, "not_in_vocabulary"));
      return null;
    }
    return text;
  }

  /**
   * An optional set of codes, in the vocabulary's order; null when absent or bad (the error then
   * recorded). Presence rules are the caller's.
   */
  private List<String> codes(JsonNode body, String field, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      errors.add(new FieldError(field, "not_an_array"));
      return null;
    }
    Vocabulary.Field codes = vocabulary.field(field);
    Set<String> seen = new HashSet<>();
    boolean bad = false;
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        errors.add(new FieldError(field, "not_a_string"));
        bad = true;
      } else if (!codes.allows(element.asText())) {
        errors.add(new FieldError(field, "not_in_vocabulary"));
        bad = true;
      } else if (!seen.add(element.asText())) {
        errors.add(new FieldError(field, "duplicate"));
        bad = true;
      }
    }
    if (bad) {
      return null;
    }
    return codes.codeNames().stream().filter(seen::contains).toList();
  }

  private Registration.Referral referral(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      errors.add(new FieldError("referral", "not_an_object"));
      return null;
    }
    unknownFields(node, REFERRAL_FIELDS, "referral.", errors);
    String centreType = code(node, "centreType", "referral.centreType", errors);
    String region = code(node, "region", "referral.region", errors);
    return centreType == null || region == null
        ? null
        : new Registration.Referral(centreType, region);
  }

  private static List<String> orEmpty(List<String> codes) {
    return codes == null ? List.of() : codes;
  }
}
