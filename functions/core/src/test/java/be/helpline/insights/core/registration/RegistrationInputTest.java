package be.helpline.insights.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationInputTest {
  static final LocalDate TODAY = LocalDate.parse("2020-04-16");
  static final LocalDate START = LocalDate.parse("2018-12-01");
  static final String FREE_TEXT = "Jan Peeters, Kerkstraat 1, belde over zijn buurjongen";

  private final RegistrationInput input = new RegistrationInput(Vocabulary.standard(), START);

  /** A valid SELF contact with a referral; every test changes one thing. */
  static ObjectNode valid() {
    try {
      return (ObjectNode)
          Json.mapper()
              .readTree(
                  """
                  {"id": "3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13", "contactDate": "2020-04-15",
                   "channel": "PHONE", "callerGroup": "SELF", "selfConcern": ["BEHAVIOUR"],
                   "topics": ["CSAM"], "pastOffences": "YES", "justiceHistory": ["CONVICTION"],
                   "risk": "CONCERN", "support": ["INFORMATION", "REFERRAL"],
                   "referral": {"centreType": "CGG", "region": "ANTWERPEN"},
                   "gender": "MALE", "ageBand": "36_45", "howHeard": "CAMPAIGN_BANNER",
                   "firstContact": "YES"}
                  """);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<FieldError> errors(JsonNode body) {
    InvalidInputException error =
        catchThrowableOfType(InvalidInputException.class, () -> input.read(body, TODAY));
    assertThat(error).as("refused").isNotNull();
    return error.fields();
  }

  static final List<String> SINGLE_CODES =
      List.of(
          "channel",
          "callerGroup",
          "pastOffences",
          "risk",
          "gender",
          "ageBand",
          "howHeard",
          "firstContact");
  static final List<String> REQUIRED =
      List.of(
          "id",
          "contactDate",
          "channel",
          "callerGroup",
          "pastOffences",
          "risk",
          "support",
          "gender",
          "ageBand",
          "howHeard",
          "firstContact");
  static final List<String> SETS = List.of("selfConcern", "topics", "justiceHistory", "support");

  /** Table: a change to the valid body, and the one field error it must give. */
  static Stream<Arguments> badBodies() {
    List<Arguments> cases = new ArrayList<>();
    for (String field : REQUIRED) {
      cases.add(
          Arguments.of("missing " + field, change(body -> body.remove(field)), field, "required"));
      cases.add(
          Arguments.of(
              "null " + field, change(body -> body.putNull(field)), field, nullCode(field)));
    }
    for (String field : SINGLE_CODES) {
      cases.add(
          Arguments.of(
              field + " outside the vocabulary",
              change(body -> body.put(field, "UNKNOWN_CODE")),
              field,
              "not_in_vocabulary"));
      cases.add(
          Arguments.of(
              field + " free text",
              change(body -> body.put(field, FREE_TEXT)),
              field,
              "not_in_vocabulary"));
      cases.add(
          Arguments.of(
              field + " with a trailing space",
              change(body -> body.put(field, body.get(field).asText() + " ")),
              field,
              "not_in_vocabulary"));
      cases.add(
          Arguments.of(
              field + " a number", change(body -> body.put(field, 1)), field, "not_a_string"));
      cases.add(
          Arguments.of(
              field + " an array",
              change(body -> body.putArray(field).add("PHONE")),
              field,
              "not_a_string"));
    }
    for (String field : SETS) {
      cases.add(
          Arguments.of(
              field + " a string", change(body -> body.put(field, "CSAM")), field, "not_an_array"));
      cases.add(
          Arguments.of(
              field + " an element outside the vocabulary",
              change(body -> first(body, field).add("UNKNOWN_CODE")),
              field,
              "not_in_vocabulary"));
      cases.add(
          Arguments.of(
              field + " free text",
              change(body -> first(body, field).add(FREE_TEXT)),
              field,
              "not_in_vocabulary"));
      cases.add(
          Arguments.of(
              field + " a number element",
              change(body -> first(body, field).add(7)),
              field,
              "not_a_string"));
      cases.add(
          Arguments.of(
              field + " a duplicate",
              change(body -> first(body, field).add(first(body, field).get(0).asText())),
              field,
              "duplicate"));
    }
    cases.addAll(
        List.of(
            Arguments.of(
                "an extra field", change(body -> body.put("notes", "x")), "notes", "unknown_field"),
            Arguments.of(
                "free text in an extra field with an odd name",
                change(body -> body.put(FREE_TEXT, "x")),
                "body",
                "unknown_field"),
            Arguments.of(
                "a staff name",
                change(body -> body.put("responder", "Els")),
                "responder",
                "unknown_field"),
            Arguments.of("id not a uuid", change(body -> body.put("id", "42")), "id", "not_a_uuid"),
            Arguments.of(
                "id free text", change(body -> body.put("id", FREE_TEXT)), "id", "not_a_uuid"),
            Arguments.of("id a number", change(body -> body.put("id", 42)), "id", "not_a_string"),
            Arguments.of(
                "contactDate not a date",
                change(body -> body.put("contactDate", "15/04/2020")),
                "contactDate",
                "not_a_date"),
            Arguments.of(
                "contactDate impossible",
                change(body -> body.put("contactDate", "2020-02-30")),
                "contactDate",
                "not_a_date"),
            Arguments.of(
                "contactDate with a time",
                change(body -> body.put("contactDate", "2020-04-15T10:00:00Z")),
                "contactDate",
                "not_a_date"),
            Arguments.of(
                "contactDate tomorrow",
                change(body -> body.put("contactDate", "2020-04-17")),
                "contactDate",
                "in_the_future"),
            Arguments.of(
                "contactDate before the programme",
                change(body -> body.put("contactDate", "2018-11-30")),
                "contactDate",
                "before_programme_start"),
            Arguments.of(
                "contactDate a number",
                change(body -> body.put("contactDate", 20200415)),
                "contactDate",
                "not_a_string"),
            Arguments.of(
                "support empty", change(body -> body.putArray("support")), "support", "empty"),
            Arguments.of(
                "selfConcern missing for SELF",
                change(body -> body.remove("selfConcern")),
                "selfConcern",
                "required"),
            Arguments.of(
                "selfConcern empty for SELF",
                change(body -> body.putArray("selfConcern")),
                "selfConcern",
                "empty"),
            Arguments.of(
                "selfConcern for a relative",
                change(body -> body.put("callerGroup", "RELATIVE")),
                "selfConcern",
                "not_allowed"),
            Arguments.of(
                "referral missing with REFERRAL",
                change(body -> body.remove("referral")),
                "referral",
                "required"),
            Arguments.of(
                "referral without REFERRAL",
                change(body -> body.putArray("support").add("ADVICE")),
                "referral",
                "not_allowed"),
            Arguments.of(
                "referral not an object",
                change(body -> body.put("referral", "CGG")),
                "referral",
                "not_an_object"),
            Arguments.of(
                "referral.region outside the vocabulary",
                change(body -> referral(body).put("region", "GENT")),
                "referral.region",
                "not_in_vocabulary"),
            Arguments.of(
                "referral.centreType missing",
                change(body -> referral(body).remove("centreType")),
                "referral.centreType",
                "required"),
            Arguments.of(
                "referral.centreType a number",
                change(body -> referral(body).put("centreType", 3)),
                "referral.centreType",
                "not_a_string"),
            Arguments.of(
                "an extra referral field",
                change(body -> referral(body).put("centreName", FREE_TEXT)),
                "referral.centreName",
                "unknown_field")));
    return cases.stream();
  }

  private static String nullCode(String field) {
    return field.equals("support") ? "not_an_array" : "required";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void read_badBody_is400NamingTheField(
      String name, Consumer<ObjectNode> change, String field, String code) {
    ObjectNode body = valid();
    change.accept(body);

    assertThat(errors(body)).contains(new FieldError(field, code));
  }

  @Test
  void read_manyBadFields_namesEachOfThem() {
    ObjectNode body = valid();
    body.put("channel", "FAX");
    body.remove("gender");
    referral(body).put("region", "GENT");
    body.put("comment", FREE_TEXT);

    assertThat(errors(body))
        .containsExactlyInAnyOrder(
            new FieldError("channel", "not_in_vocabulary"),
            new FieldError("gender", "required"),
            new FieldError("referral.region", "not_in_vocabulary"),
            new FieldError("comment", "unknown_field"));
  }

  @Test
  void read_errorsNeverEchoFreeText() {
    ObjectNode body = valid();
    body.put(FREE_TEXT, FREE_TEXT);
    body.put("risk", FREE_TEXT);
    first(body, "topics").add(FREE_TEXT);

    assertThat(errors(body).toString()).doesNotContain("Jan", "Kerkstraat");
  }

  @Test
  void read_notAnObject_is400() {
    assertThat(errors(Json.mapper().createArrayNode()))
        .containsExactly(new FieldError("body", "not_an_object"));
  }

  @Test
  void read_valid_keepsOnlyCodesWithSetsInVocabularyOrder() {
    ObjectNode body = valid();
    body.putArray("support").add("REFERRAL").add("INFORMATION");
    body.put("id", "3F1C2B9E-8D4A-4F6B-9C1E-2A7D5E8F0B13");

    Registration registration = input.read(body, TODAY);

    assertThat(registration.id()).isEqualTo("3f1c2b9e-8d4a-4f6b-9c1e-2a7d5e8f0b13");
    assertThat(registration.support()).containsExactly("INFORMATION", "REFERRAL");
    assertThat(registration.referral()).isEqualTo(new Registration.Referral("CGG", "ANTWERPEN"));
    assertThat(registration.hash()).isEqualTo(input.read(valid(), TODAY).hash());
  }

  @Test
  void read_optionalSetsAbsentOrEmpty_areTheSame() {
    ObjectNode absent = valid();
    absent.remove("topics");
    absent.remove("justiceHistory");
    ObjectNode empty = valid();
    empty.putArray("topics");
    empty.putArray("justiceHistory");

    assertThat(input.read(absent, TODAY)).isEqualTo(input.read(empty, TODAY));
  }

  @Test
  void read_relativeWithoutReferral_isValid() {
    ObjectNode body = valid();
    body.put("callerGroup", "RELATIVE");
    body.remove("selfConcern");
    body.putArray("support").add("ADVICE");
    body.remove("referral");

    Registration registration = input.read(body, TODAY);

    assertThat(registration.selfConcern()).isEmpty();
    assertThat(registration.referral()).isNull();
    assertThat(registration.canonicalJson().has("selfConcern")).isFalse();
  }

  @Test
  void read_todayAndTheProgrammeStart_areAllowed() {
    assertThat(input.read(valid().put("contactDate", "2020-04-16"), TODAY).contactDate())
        .isEqualTo(TODAY);
    assertThat(input.read(valid().put("contactDate", "2018-12-01"), TODAY).contactDate())
        .isEqualTo(START);
  }

  @Test
  void canonicalJson_ofAValidBody_isThatBody() {
    assertThat(input.read(valid(), TODAY).canonicalJson()).isEqualTo(valid());
  }

  private static Consumer<ObjectNode> change(Consumer<ObjectNode> change) {
    return change;
  }

  private static ArrayNode first(ObjectNode body, String field) {
    return (ArrayNode) body.get(field);
  }

  private static ObjectNode referral(ObjectNode body) {
    return (ObjectNode) body.get("referral");
  }
}
