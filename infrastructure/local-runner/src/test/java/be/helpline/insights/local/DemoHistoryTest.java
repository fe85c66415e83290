package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoHistoryTest {
  private static List<DemoHistory.Day> history(long seed) {
    DemoHistory history = new DemoHistory(seed);
    List<DemoHistory.Day> days = new ArrayList<>();
    for (LocalDate date = DemoHistory.FIRST_DAY;
        !date.isAfter(DemoHistory.FLEMISH_FIGURES_END);
        date = date.plusDays(1)) {
      days.add(history.day(date));
    }
    return days;
  }

  private static double selfhelpVisitsPerDay(
      List<DemoHistory.Day> days, LocalDate from, LocalDate to) {
    List<DemoHistory.Day> inRange =
        days.stream().filter(d -> !d.date().isBefore(from) && !d.date().isAfter(to)).toList();
    long visits =
        inRange.stream()
            .flatMap(d -> d.pageViews().stream())
            .filter(v -> v.site().equals("selfhelp") && v.newVisit())
            .count();
    return (double) visits / inRange.size();
  }

  @Test
  void lastDay_isTheEndOfTheLastCompleteMonth() {
    assertThat(DemoHistory.lastDay(LocalDate.of(2026, 12, 7)))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(DemoHistory.lastDay(LocalDate.of(2026, 12, 1)))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(DemoHistory.lastDay(LocalDate.of(2027, 1, 31)))
        .isEqualTo(LocalDate.of(2026, 12, 31));
  }

  @Test
  void days_areTheFlemishYearsThenLastYearThroughTheLastCompleteMonth() {
    List<LocalDate> days = DemoHistory.days(LocalDate.of(2026, 12, 7));
    assertThat(days.getFirst()).isEqualTo(LocalDate.of(2019, 1, 1));
    assertThat(days).contains(LocalDate.of(2020, 12, 31), LocalDate.of(2025, 1, 1));
    assertThat(days).doesNotContain(LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31));
    assertThat(days.getLast()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(days).hasSize(731 + 365 + 334);
    // Early on, nothing is left out.
    assertThat(DemoHistory.days(LocalDate.of(2021, 3, 2))).hasSize(731 + 59);
  }

  @Test
  void theFlemishYears_areTheSameWhateverFollows_laterYearsAreQuieter() {
    DemoHistory history = new DemoHistory(20200401);
    List<DemoHistory.Day> through2026 = new ArrayList<>();
    for (LocalDate date = DemoHistory.FIRST_DAY;
        !date.isAfter(LocalDate.of(2026, 11, 30));
        date = date.plusDays(1)) {
      through2026.add(history.day(date));
    }
    assertThat(through2026.subList(0, history(20200401).size())).isEqualTo(history(20200401));
    double lockdown =
        selfhelpVisitsPerDay(through2026, LocalDate.of(2020, 5, 20), LocalDate.of(2020, 12, 31));
    double later =
        selfhelpVisitsPerDay(through2026, LocalDate.of(2021, 1, 1), LocalDate.of(2026, 11, 30));
    assertThat(later).isBetween(lockdown * 0.5, lockdown * 0.9);
    // Contacts keep about the 2020 pace: thinner months leave protection no safe pattern.
    long contacts =
        through2026.stream()
            .filter(d -> d.date().isAfter(DemoHistory.FLEMISH_FIGURES_END))
            .mapToLong(d -> d.registrations().size())
            .sum();
    long days =
        java.time.temporal.ChronoUnit.DAYS.between(
            LocalDate.of(2021, 1, 1), LocalDate.of(2026, 12, 1));
    assertThat(contacts / (double) days).isBetween(1.3, 1.7);
  }

  @Test
  void history_isTheSameForTheSameSeed() {
    assertThat(history(7)).isEqualTo(history(7));
  }

  @Test
  void selfHelpVisits_riseWithTheLockdownAndPeakDuringTheCampaign() {
    List<DemoHistory.Day> days = history(20200401);
    double before = selfhelpVisitsPerDay(days, LocalDate.of(2019, 1, 1), LocalDate.of(2020, 3, 15));
    double lockdown =
        selfhelpVisitsPerDay(days, LocalDate.of(2020, 5, 20), LocalDate.of(2020, 12, 31));
    double campaign =
        selfhelpVisitsPerDay(days, DemoHistory.CAMPAIGN_START, DemoHistory.CAMPAIGN_END);
    assertThat(lockdown).isGreaterThan(before * 1.4);
    assertThat(campaign).isGreaterThan(lockdown * 1.3);
  }

  @Test
  void clicks_fallOnlyInTheCampaignWindow_andMostLand() {
    List<DemoHistory.Day> days = history(20200401);
    assertThat(days)
        .filteredOn(d -> !DemoHistory.inCampaign(d.date()))
        .allSatisfy(d -> assertThat(d.clicks()).isEmpty());
    List<DemoHistory.Click> clicks = days.stream().flatMap(d -> d.clicks().stream()).toList();
    long landed = clicks.stream().filter(DemoHistory.Click::landed).count();
    long tagged =
        days.stream()
            .flatMap(d -> d.pageViews().stream())
            .filter(v -> DemoHistory.CAMPAIGN.equals(v.campaign()))
            .count();
    assertThat(clicks).hasSizeBetween(100, 200);
    assertThat(tagged).isEqualTo(landed);
    assertThat((double) landed / clicks.size()).isBetween(0.7, 0.9);
  }

  @Test
  void registrations_followThePublishedShares() {
    List<Map<String, Object>> registrations =
        history(20200401).stream().flatMap(d -> d.registrations().stream()).toList();
    long referred = registrations.stream().filter(r -> r.containsKey("referral")).count();
    long selfWithConcern =
        registrations.stream()
            .filter(r -> r.get("callerGroup").equals("SELF"))
            .filter(r -> r.containsKey("selfConcern"))
            .count();
    long self = registrations.stream().filter(r -> r.get("callerGroup").equals("SELF")).count();
    assertThat(registrations).hasSizeBetween(900, 1300);
    assertThat((double) referred / registrations.size()).isBetween(0.10, 0.16);
    assertThat(selfWithConcern).isEqualTo(self);
    assertThat(registrations)
        .allSatisfy(
            r ->
                assertThat(r.containsKey("referral"))
                    .isEqualTo(((List<?>) r.get("support")).contains("REFERRAL")));
    assertThat(registrations.stream().map(r -> r.get("id")).distinct())
        .hasSize(registrations.size());
  }

  @Test
  void impressions_addUpToTheCampaignTotal_perDayAndCreative() {
    List<String> lines = new DemoHistory(1).impressionsCsv();
    assertThat(lines.get(0)).isEqualTo("date,creative,impressions");
    assertThat(lines).hasSize(1 + 49 * 2);
    long total = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
    assertThat(total).isEqualTo(DemoHistory.CAMPAIGN_IMPRESSIONS);
  }
}
