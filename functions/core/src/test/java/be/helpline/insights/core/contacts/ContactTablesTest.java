package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.disclosure.Cell;
import be.helpline.insights.core.disclosure.DisclosureControl;
import be.helpline.insights.core.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactTablesTest {
  private static final List<ContactFacts> ONE_A_YEAR =
      List.of(
          contact("2024-05-02"),
          contact("2025-06-03"),
          contact("2026-07-04"),
          contact("2026-08-05"));

  @Test
  void allThrough_isTheSumOfEveryYearThroughIt() {
    ContactTables tables =
        ContactTables.of(Vocabulary.standard(), YearMonth.of(2024, 1), YearMonth.of(2026, 12));

    long[] counts = tables.count(ONE_A_YEAR, LocalDate.parse("2027-06-01"), 90);

    assertThat(total(tables, counts, "all-through-2024")).isEqualTo(1);
    assertThat(total(tables, counts, "all-through-2025")).isEqualTo(2);
    assertThat(total(tables, counts, "all-through-2026")).isEqualTo(4);
    assertThat(consistent(tables, counts)).isTrue();
  }

  @Test
  void allThrough_afterAWithheldOne_isStillLaidOutOverTheYears() {
    ContactTables tables =
        ContactTables.of(
            Vocabulary.standard(),
            new ContactTables.Layout(
                YearMonth.of(2024, 1),
                YearMonth.of(2026, 12),
                YearMonth.of(2026, 12),
                Set.of("all-through-2025")));

    long[] counts = tables.count(ONE_A_YEAR, LocalDate.parse("2027-06-01"), 90);

    assertThat(tables.periods())
        .extracting(ContactTables.Period::period)
        .contains("all-through-2024", "all-through-2026")
        .doesNotContain("all-through-2025");
    assertThat(tables.implicitlyWithheld()).isEmpty();
    assertThat(total(tables, counts, "all-through-2026")).isEqualTo(4);
    assertThat(consistent(tables, counts)).isTrue();
  }

  /** Whether the true counts, published as they are, satisfy every relation of the tabulation. */
  private static boolean consistent(ContactTables tables, long[] counts) {
    List<Cell> cells = java.util.Arrays.stream(counts).mapToObj(Cell::published).toList();
    return new DisclosureControl(DisclosurePolicy.named("threshold5"))
        .audit(tables.tabulation(), cells)
        .consistent();
  }

  private static long total(ContactTables tables, long[] counts, String period) {
    return counts[tables.tabulation().index(ContactTables.id(period, "total", "ALL"))];
  }

  private static ContactFacts contact(String date) {
    return new ContactFacts(
        LocalDate.parse(date),
        "PHONE",
        "SELF",
        "MALE",
        "26_35",
        "SEARCH",
        "YES",
        "NONE",
        "NO",
        Set.of("ATTRACTION"),
        null);
  }
}
