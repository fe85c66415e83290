package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.disclosure.Cell;
import be.helpline.insights.core.disclosure.DisclosureControl;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
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

  @Test
  void count_doesNotDependOnWhichReferralOfAMonthHoldsWhichOutcome() {
    // Storage cannot tie a centre's answer to its registration (SPEC privacy rule 10): the answers
    // of a month go to the month's referrals in an arbitrary order. No figure may notice.
    List<ContactFacts> facts =
        be.helpline.insights.testing.ContactScenarios.random(15, 400, YearMonth.of(2024, 1), 12);
    ContactTables tables =
        ContactTables.of(Vocabulary.standard(), YearMonth.of(2024, 1), YearMonth.of(2024, 12));
    LocalDate dataThrough = LocalDate.parse("2025-02-15"); // November's answers can still come
    long[] counts = tables.count(facts, dataThrough, 90);
    assertThat(facts.stream().filter(f -> f.referred() && f.referral().outcome() != null))
        .hasSizeGreaterThan(20);

    java.util.Random random = new java.util.Random(15);
    for (int round = 0; round < 20; round++) {
      java.util.Map<YearMonth, List<String>> answers = new java.util.HashMap<>();
      for (ContactFacts fact : facts) {
        if (fact.referred()) {
          answers
              .computeIfAbsent(YearMonth.from(fact.contactDate()), m -> new java.util.ArrayList<>())
              .add(fact.referral().outcome());
        }
      }
      answers.values().forEach(list -> java.util.Collections.shuffle(list, random));
      java.util.Map<YearMonth, Integer> next = new java.util.HashMap<>();
      List<ContactFacts> shuffled =
          facts.stream()
              .map(
                  f -> {
                    if (!f.referred()) {
                      return f;
                    }
                    YearMonth month = YearMonth.from(f.contactDate());
                    String outcome = answers.get(month).get(next.merge(month, 1, Integer::sum) - 1);
                    return new ContactFacts(
                        f.contactDate(),
                        f.channel(),
                        f.callerGroup(),
                        f.gender(),
                        f.ageBand(),
                        f.howHeard(),
                        f.firstContact(),
                        f.risk(),
                        f.pastOffences(),
                        f.topics(),
                        new ContactFacts.Referral(
                            f.referral().centreType(), f.referral().region(), outcome));
                  })
              .toList();

      assertThat(tables.count(shuffled, dataThrough, 90)).isEqualTo(counts);
    }
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
