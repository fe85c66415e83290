package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounts;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.site.SiteRegistry;
import be.helpline.insights.testing.InMemoryCounterStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeaconIntakeTest {
  private static final SiteRegistry SITES =
      SiteRegistry.fromJson(
          """
          {"selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"},
           "main": {"origin": "https://stopitnow.example"}}\
          """);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final String ORIGIN = "https://selfhelp.example";
  private static final byte[] VISIT =
      """
      {"site": "selfhelp", "path": "/module/3", "source": "search", "newVisit": true}\
      """
          .getBytes(StandardCharsets.UTF_8);

  private final InMemoryCounterStore store = new InMemoryCounterStore();

  private BeaconIntake intakeAt(String instant) {
    return new BeaconIntake(
        SITES, store, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), BRUSSELS);
  }

  @Test
  void record_countsPageViewAndVisitAtTheLocalHour() {
    intakeAt("2020-04-02T08:15:00Z").record(ORIGIN, "text/plain;charset=UTF-8", VISIT);

    List<DailyCounts> days = store.readFamily("traffic");
    assertThat(days).hasSize(1);
    assertThat(days.getFirst().key())
        .isEqualTo(new CounterKey("traffic", "selfhelp", LocalDate.of(2020, 4, 2)));
    // 08:15 UTC is 10:15 in Brussels (summer time): the hour is the reporting zone's.
    assertThat(days.getFirst().counts())
        .containsEntry("pageviews.h10", 1L)
        .containsEntry("visits.h10", 1L);
  }

  @Test
  void record_lateUtcEvening_countsOnTheNextLocalDay() {
    intakeAt("2020-04-02T22:30:00Z").record(ORIGIN, "application/json", VISIT);

    assertThat(store.readFamily("traffic").getFirst().key().date())
        .isEqualTo(LocalDate.of(2020, 4, 3));
  }

  @Test
  void record_pageViewWithinAVisit_addsNoVisit() {
    byte[] sameVisit =
        """
        {"site": "selfhelp", "path": "/module/4", "source": "internal", "newVisit": false}\
        """
            .getBytes(StandardCharsets.UTF_8);
    intakeAt("2020-04-02T08:15:00Z").record(ORIGIN, "application/json", sameVisit);

    assertThat(store.readFamily("traffic").getFirst().counts())
        .containsEntry("pageviews.h10", 1L)
        .doesNotContainKey("visits.h10");
  }

  @Test
  void record_wrongOrigin_isForbiddenAndNotCounted() {
    assertThatThrownBy(
            () ->
                intakeAt("2020-04-02T08:15:00Z")
                    .record("https://evil.example", "application/json", VISIT))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> intakeAt("2020-04-02T08:15:00Z").record("", "application/json", VISIT))
        .isInstanceOf(ForbiddenException.class);
    assertThat(store.readFamily("traffic")).isEmpty();
  }

  @Test
  void record_unknownSite_isInvalid() {
    byte[] unknown =
        """
        {"site": "other", "path": "/", "source": "direct", "newVisit": true}\
        """
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> intakeAt("2020-04-02T08:15:00Z").record(ORIGIN, "application/json", unknown))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void record_bodyOver4k_isTooLarge() {
    byte[] big = new byte[BeaconIntake.MAX_BODY_BYTES + 1];
    assertThatThrownBy(
            () -> intakeAt("2020-04-02T08:15:00Z").record(ORIGIN, "application/json", big))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void record_formEncodedOrMissingType_isUnsupported() {
    assertThatThrownBy(
            () ->
                intakeAt("2020-04-02T08:15:00Z")
                    .record(ORIGIN, "application/x-www-form-urlencoded", VISIT))
        .isInstanceOf(UnsupportedMediaTypeException.class);
    assertThatThrownBy(() -> intakeAt("2020-04-02T08:15:00Z").record(ORIGIN, "", VISIT))
        .isInstanceOf(UnsupportedMediaTypeException.class);
  }

  @Test
  void record_notJson_isInvalid() {
    assertThatThrownBy(
            () ->
                intakeAt("2020-04-02T08:15:00Z")
                    .record(ORIGIN, "text/plain", "site=selfhelp".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class);
  }
}
