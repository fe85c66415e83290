package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTableTest {
  private final Vocabulary vocabulary = Vocabulary.standard();

  private static ObjectNode cell(String key, long count) {
    return Json.mapper().createObjectNode().put("key", key).put("count", count);
  }

  @Test
  void everyTableIsNamedOnceAndHasItsOwnCsvFile() {
    List<ContactTable> tables = Arrays.asList(ContactTable.values());

    assertThat(new HashSet<>(tables.stream().map(ContactTable::id).toList())).hasSize(16);
    assertThat(new HashSet<>(tables.stream().map(ContactTable::csvFile).toList())).hasSize(16);
    assertThat(tables).allMatch(t -> t.csvFile().matches("csv/[a-z-]+\\.csv"));
    assertThat(ContactTable.of("referrals.region")).isEqualTo(ContactTable.REFERRALS_BY_REGION);
    assertThat(ContactTable.REFERRALS.csvFile()).isEqualTo("csv/referrals.csv");
    assertThatThrownBy(() -> ContactTable.of("referrals")).hasMessageContaining("no contact table");
  }

  @Test
  void keys_comeFromTheVocabulary() {
    assertThat(ContactTable.TOTAL.keys(vocabulary)).containsExactly("ALL");
    assertThat(ContactTable.OUTCOMES.keys(vocabulary))
        .containsExactly("ARRIVED", "NOT_ARRIVED", "UNCONFIRMED", "PENDING");
    assertThat(ContactTable.PAST_OFFENCES_SELF.keys(vocabulary))
        .isEqualTo(vocabulary.codes("pastOffences"));
    List<String> pairs = ContactTable.CALLER_GROUP_BY_GENDER.keys(vocabulary);
    assertThat(pairs)
        .hasSize(vocabulary.codes("callerGroup").size() * vocabulary.codes("gender").size())
        .contains("SELF/FEMALE", "RELATIVE/FEMALE");
  }

  @Test
  void write_thenFind_placesEachShapeWhereTheDocumentKeepsIt() {
    ObjectNode tables = Json.mapper().createObjectNode();
    ContactTable.TOTAL.write(tables, List.of("ALL"), key -> cell(key, 30));
    ContactTable.REFERRALS.write(tables, List.of("ALL"), key -> cell(key, 12));
    ContactTable.REFERRALS_BY_REGION.write(
        tables, List.of("BE-VLG", "BE-BRU"), key -> cell(key, key.equals("BE-VLG") ? 10 : 2));
    ContactTable.OUTCOMES.write(
        tables, ContactTable.OUTCOMES.keys(vocabulary), key -> cell(key, 3));

    assertThat(tables.path("total").path("count").asLong()).isEqualTo(30);
    assertThat(tables.path("referrals").path("total").path("count").asLong()).isEqualTo(12);
    assertThat(tables.path("referrals").path("region")).hasSize(2);
    assertThat(tables.path("outcomes").path("notArrived").path("key").asText())
        .isEqualTo("NOT_ARRIVED");

    assertThat(ContactTable.REFERRALS.find(tables, "ALL").path("count").asLong()).isEqualTo(12);
    assertThat(ContactTable.REFERRALS_BY_REGION.find(tables, "BE-BRU").path("count").asLong())
        .isEqualTo(2);
    assertThat(ContactTable.REFERRALS_BY_REGION.find(tables, "BE-WAL").isMissingNode()).isTrue();
    assertThat(ContactTable.OUTCOMES.find(tables, "PENDING").path("key").asText())
        .isEqualTo("PENDING");
    assertThat(ContactTable.OUTCOMES.cells(tables)).hasSize(4);
    assertThat(ContactTable.REFERRALS_BY_REGION.cells(tables))
        .extracting(node -> node.path("key").asText())
        .containsExactly("BE-VLG", "BE-BRU");
    assertThat(ContactTable.CHANNEL.cells(tables)).isEmpty();
  }

  @Test
  void keyOf_countsAContactOnlyInTheTablesItBelongsTo() {
    ContactFacts self =
        new ContactFacts(
            java.time.LocalDate.parse("2020-03-04"),
            "PHONE",
            "SELF",
            "MALE",
            "AGE_25_34",
            "SEARCH",
            "YES",
            "NONE",
            "NO",
            java.util.Set.of(),
            null);
    ContactFacts referred =
        new ContactFacts(
            self.contactDate(),
            "CHAT",
            "RELATIVE",
            "FEMALE",
            "AGE_25_34",
            "SEARCH",
            "YES",
            "NONE",
            null,
            java.util.Set.of(),
            new ContactFacts.Referral("CAW", "BE-VLG", null));

    assertThat(ContactTable.TOTAL.keyOf(self)).isEqualTo("ALL");
    assertThat(ContactTable.PAST_OFFENCES_SELF.keyOf(self)).isEqualTo("NO");
    assertThat(ContactTable.CALLER_GROUP_BY_GENDER.keyOf(self)).isEqualTo("SELF/MALE");
    assertThat(ContactTable.REFERRALS.keyOf(self)).isNull();
    assertThat(ContactTable.REFERRALS_BY_REGION.keyOf(self)).isNull();
    assertThat(ContactTable.PAST_OFFENCES_SELF.keyOf(referred)).isNull();
    assertThat(ContactTable.REFERRALS_BY_CALLER_GROUP.keyOf(referred)).isEqualTo("RELATIVE");
    assertThat(ContactTable.REFERRALS_BY_REGION.keyOf(referred)).isEqualTo("BE-VLG");
  }
}
