package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BeaconTest {

  private static Beacon parse(String json) throws Exception {
    return Beacon.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void from_anonymousBeacon_readsEveryField() throws Exception {
    Beacon beacon =
        parse(
            """
            {"site": "selfhelp", "path": "/module/3", "source": "search", "newVisit": true}\
            """);

    assertThat(beacon.site()).isEqualTo("selfhelp");
    assertThat(beacon.path()).isEqualTo("/module/3");
    assertThat(beacon.source()).isEqualTo(SourceCategory.SEARCH);
    assertThat(beacon.newVisit()).isTrue();
    assertThat(beacon.campaign()).isEmpty();
    assertThat(beacon.device()).isEmpty();
  }

  @Test
  void from_returningBeacon_readsDeviceFlagsAndCampaign() throws Exception {
    Beacon beacon =
        parse(
            """
            {"site": "selfhelp", "path": "/", "source": "campaign", "campaign": "spring20",
             "newVisit": false,
             "device": {"firstOfDay": true, "firstOfMonth": false, "firstEver": false, "firstReturn": true}}\
            """);

    assertThat(beacon.campaign()).contains("spring20");
    assertThat(beacon.device()).contains(new DeviceFlags(true, false, false, true));
  }

  @Test
  void from_pathWithQueryAndFragment_dropsThem() throws Exception {
    Beacon beacon =
        parse(
            """
            {"site": "main", "path": "/hulp?email=a@b.c#top", "source": "direct", "newVisit": true}\
            """);

    assertThat(beacon.path()).isEqualTo("/hulp");
  }

  @Test
  void from_everyBadField_isNamedAtOnce() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    {"site": 3, "path": "no-slash", "source": "google", "newVisit": "yes",
                     "referrer": "https://www.google.com/?q=x", "campaign": "https://evil.example/"}\
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.fields())
                    .containsExactlyInAnyOrder(
                        new FieldError("referrer", "unknown_field"),
                        new FieldError("site", "not_a_string"),
                        new FieldError("path", "invalid_path"),
                        new FieldError("source", "not_in_vocabulary"),
                        new FieldError("campaign", "invalid_campaign_id"),
                        new FieldError("newVisit", "not_a_boolean")));
  }

  @Test
  void from_deviceWithExtraFlag_isRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    {"site": "main", "path": "/", "source": "direct", "newVisit": true,
                     "device": {"firstOfDay": true, "firstOfMonth": true, "firstEver": true,
                                "firstReturn": false, "visitorId": "abc"}}\
                    """))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.fields())
                    .contains(new FieldError("device.visitorId", "unknown_field")));
  }

  @Test
  void from_missingFields_areRequired() {
    assertThatThrownBy(() -> parse("{}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.fields())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("site", "path", "source", "newVisit"));
  }
}
