package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.testing.InMemoryCampaignStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignAdminTest {
  private static final String VALID =
      """
      {"name": "Voorjaarscampagne 2020", "start": "2020-04-01", "end": "2020-05-19",
       "landingUrl": "https://stopitnow.example/",
       "creatives": {"c2": "Dreig je een grens over te gaan?", "c1": "Kijk uit wat je kijkt!"}}\
      """;

  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final CampaignAdmin admin =
      new CampaignAdmin(store, LandingHosts.fromConfig("stopitnow.example,selfhelp.example"));

  private Campaign configure(String id, String body) {
    return admin.configure(id, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private List<FieldError> errorsOf(String id, String body) {
    try {
      configure(id, body);
    } catch (InvalidInputException e) {
      return e.fields();
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void configure_validBody_isStoredWithCreativesInTheirOrder() {
    Campaign campaign = configure("spring20", VALID);

    assertThat(campaign.start()).isEqualTo(LocalDate.parse("2020-04-01"));
    assertThat(campaign.creatives().keySet()).containsExactly("c2", "c1");
    assertThat(store.find("spring20")).contains(campaign);
  }

  @Test
  void configure_sameIdAgain_replacesTheCampaign() {
    configure("spring20", VALID);
    configure("spring20", VALID.replace("Voorjaarscampagne 2020", "Voorjaar"));

    assertThat(admin.list()).singleElement().extracting(Campaign::name).isEqualTo("Voorjaar");
  }

  @Test
  void configure_everyBadField_isNamed() {
    String body =
        """
        {"name": "", "start": "2020-04-31", "end": 20200519, "landingUrl": "http://evil.example/",
         "creatives": {"c1": "", "c2": 3}, "budget": 100}\
        """;

    assertThat(errorsOf("bad id!", body))
        .containsExactlyInAnyOrder(
            new FieldError("id", "invalid_id"),
            new FieldError("budget", "unknown_field"),
            new FieldError("name", "invalid_length_or_character"),
            new FieldError("start", "not_a_date"),
            new FieldError("end", "not_a_string"),
            new FieldError("landingUrl", "not_https"),
            new FieldError("creatives.c1", "invalid_length_or_character"),
            new FieldError("creatives.c2", "not_a_string"));
    assertThat(store.list()).isEmpty();
  }

  @Test
  void configure_missingFields_areRequired() {
    assertThat(errorsOf("spring20", "{}"))
        .containsExactlyInAnyOrder(
            new FieldError("name", "required"),
            new FieldError("start", "required"),
            new FieldError("end", "required"),
            new FieldError("landingUrl", "required"),
            new FieldError("creatives", "required"));
  }

  @Test
  void configure_endBeforeStart_isRefused() {
    assertThat(errorsOf("spring20", VALID.replace("2020-05-19", "2020-03-31")))
        .containsExactly(new FieldError("end", "before_start"));
  }

  @Test
  void configure_hostNotAllowed_isRefused() {
    assertThat(errorsOf("spring20", VALID.replace("stopitnow.example", "evil.example")))
        .containsExactly(new FieldError("landingUrl", "host_not_allowed"));
  }

  @Test
  void configure_noCreativesOrMoreThanTwenty_isRefused() {
    assertThat(
            errorsOf("spring20", VALID.replaceAll("\"creatives\": \\{[^}]*}", "\"creatives\": {}")))
        .containsExactly(new FieldError("creatives", "between_1_and_20"));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("\"c").append(i).append("\": \"label\"");
    }
    assertThat(
            errorsOf(
                "spring20",
                VALID.replaceAll("\"creatives\": \\{[^}]*}", "\"creatives\": {" + many + "}")))
        .containsExactly(new FieldError("creatives", "between_1_and_20"));
  }

  @Test
  void configure_textsOfOnlySpacesOrWithControlCharacters_areRefused() {
    // As openapi.yaml's CampaignText states it: no control character, and at least one character
    // that is not a space of any kind (no-break and ideographic spaces included).
    String body =
        VALID
            .replace("Voorjaarscampagne 2020", "\\u00a0\\u3000 \\u2007")
            .replace("Dreig je een grens over te gaan?", "Dreig\\u0085je");

    assertThat(errorsOf("spring20", body))
        .containsExactlyInAnyOrder(
            new FieldError("name", "invalid_length_or_character"),
            new FieldError("creatives.c2", "invalid_length_or_character"));
    configure("spring20", VALID.replace("Voorjaarscampagne 2020", "Voorjaar\\u00a02020"));
    assertThat(admin.list())
        .singleElement()
        .extracting(Campaign::name)
        .isEqualTo("Voorjaar\u00a02020");
  }

  @Test
  void configure_badCreativeIdOrLongTexts_areRefused() {
    String body =
        VALID
            .replace("\"c1\"", "\"c/1\"")
            .replace("Voorjaarscampagne 2020", "x".repeat(201))
            .replace("Dreig je een grens over te gaan?", "y".repeat(201));

    assertThat(errorsOf("spring20", body))
        .containsExactlyInAnyOrder(
            new FieldError("name", "invalid_length_or_character"),
            new FieldError("creatives", "invalid_creative_id"),
            new FieldError("creatives.c2", "invalid_length_or_character"));
  }

  @Test
  void configure_textOf200CharactersAndAnIdOf64_areAccepted() {
    String id = "a".repeat(64);
    Campaign campaign = configure(id, VALID.replace("Voorjaarscampagne 2020", "é".repeat(200)));

    assertThat(campaign.id()).isEqualTo(id);
  }

  @Test
  void configure_notJsonOrDuplicateKeys_isRefused() {
    assertThat(errorsOf("spring20", "{")).containsExactly(new FieldError("body", "not_json"));
    assertThat(errorsOf("spring20", VALID.replace("\"c1\"", "\"c2\"")))
        .containsExactly(new FieldError("body", "not_json"));
    assertThat(errorsOf("spring20", "[]")).containsExactly(new FieldError("body", "not_an_object"));
  }

  @Test
  void configure_bodyOver64Kilobytes_isTooLarge() {
    byte[] body = new byte[64 * 1024 + 1];

    assertThatThrownBy(() -> admin.configure("spring20", "application/json", body))
        .isInstanceOf(PayloadTooLargeException.class);
  }

  @Test
  void configure_notJsonMediaType_isUnsupported() {
    byte[] body = VALID.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> admin.configure("spring20", "text/plain", body))
        .isInstanceOf(UnsupportedMediaTypeException.class);
    assertThat(admin.configure("spring20", "application/json; charset=utf-8", body).id())
        .isEqualTo("spring20");
  }

  @Test
  void list_isSortedByStart() {
    configure("summer", VALID.replace("2020-04-01", "2020-05-01"));
    configure("spring", VALID.replace("2020-04-01", "2020-03-01"));
    configure("autumn", VALID);

    assertThat(admin.list()).extracting(Campaign::id).containsExactly("spring", "autumn", "summer");
  }
}
