package be.helpline.insights.core.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.vocabulary.Vocabulary.Language;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  private final Vocabulary vocabulary = Vocabulary.standard();

  @Test
  void codes_areTheSpecsListsInOrder() {
    assertThat(vocabulary.codes("channel")).containsExactly("PHONE", "CHAT", "EMAIL");
    assertThat(vocabulary.codes("callerGroup"))
        .containsExactly("SELF", "RELATIVE", "PROFESSIONAL", "OTHER");
    assertThat(vocabulary.codes("selfConcern")).containsExactly("FEELINGS", "BEHAVIOUR");
    assertThat(vocabulary.codes("topics"))
        .containsExactly("CSAM", "CONTACT_OFFENCE", "ATTRACTION", "GROOMING", "OTHER");
    assertThat(vocabulary.codes("pastOffences")).containsExactly("YES", "NO", "UNKNOWN");
    assertThat(vocabulary.codes("justiceHistory"))
        .containsExactly("CONVICTION", "DETENTION", "SPECIALISED_TREATMENT");
    assertThat(vocabulary.codes("risk"))
        .containsExactly("NONE", "CONCERN", "CONSULTED", "REPORTED");
    assertThat(vocabulary.codes("support"))
        .containsExactly("INFORMATION", "ADVICE", "SUPPORT", "REFERRAL");
    assertThat(vocabulary.codes("referral.centreType"))
        .containsExactly("CAW", "CGG", "UFC", "OTHER_SPECIALISED", "OTHER");
    assertThat(vocabulary.codes("referral.region"))
        .containsExactly(
            "ANTWERPEN",
            "LIMBURG",
            "OOST_VLAANDEREN",
            "VLAAMS_BRABANT",
            "WEST_VLAANDEREN",
            "BRUSSEL",
            "WALLONIE",
            "NEDERLAND",
            "OTHER",
            "UNKNOWN");
    assertThat(vocabulary.codes("gender")).containsExactly("MALE", "FEMALE", "X", "UNKNOWN");
    assertThat(vocabulary.codes("ageBand"))
        .containsExactly(
            "UNDER_18", "18_25", "26_35", "36_45", "46_55", "56_65", "66_PLUS", "UNKNOWN");
    assertThat(vocabulary.codes("howHeard"))
        .containsExactly(
            "CAMPAIGN_BANNER",
            "SEARCH",
            "MEDIA",
            "SOCIAL",
            "PROFESSIONAL",
            "SELF_HELP_MODULE",
            "OTHER",
            "UNKNOWN");
    assertThat(vocabulary.codes("firstContact")).containsExactly("YES", "NO", "UNKNOWN");
    assertThat(vocabulary.codes("outcome")).containsExactly("ARRIVED", "NOT_ARRIVED");
  }

  @Test
  void everyFieldAndCode_hasDistinctNonBlankLabelsInBothLanguages() {
    for (Vocabulary.Field field : vocabulary.document().fields()) {
      assertThat(List.of(field.nl(), field.en())).allSatisfy(l -> assertThat(l).isNotBlank());
      assertThat(new HashSet<>(field.codeNames())).hasSameSizeAs(field.codes());
      for (Language language : Language.values()) {
        List<String> labels = field.codes().stream().map(c -> c.label(language)).toList();
        assertThat(labels).allSatisfy(l -> assertThat(l).isNotBlank());
        assertThat(new HashSet<>(labels)).as(field.field() + " " + language).hasSameSizeAs(labels);
      }
    }
  }

  @Test
  void multiValuedFields_areTheSetsOfTheRegistrationBody() {
    assertThat(
            vocabulary.document().fields().stream()
                .filter(Vocabulary.Field::multiple)
                .map(Vocabulary.Field::field))
        .containsExactly("selfConcern", "topics", "justiceHistory", "support");
  }

  @Test
  void labels_areLookedUpPerLanguage() {
    assertThat(vocabulary.field("gender").label("FEMALE", Language.NL)).isEqualTo("Vrouw");
    assertThat(vocabulary.field("gender").label("FEMALE", Language.EN)).isEqualTo("Female");
    assertThat(vocabulary.field("channel").allows("FAX")).isFalse();
    assertThatThrownBy(() -> vocabulary.field("channel").label("FAX", Language.EN))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> vocabulary.field("name")).isInstanceOf(NoSuchElementException.class);
  }
}
