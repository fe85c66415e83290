package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.JsonBody;
import be.helpline.insights.testing.InMemoryCampaignStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpressionImportTest {
  private static final Campaign SPRING =
      new Campaign(
          "spring20",
          "Voorjaar 2020",
          LocalDate.of(2020, 4, 1),
          LocalDate.of(2020, 5, 19),
          "https://stopitnow.example/",
          Map.of("c1", "Kijk uit wat je kijkt!", "c2", "Dreig je een grens over te gaan?"));

  private final InMemoryCampaignStore store = new InMemoryCampaignStore().with(SPRING);
  private final ImpressionImport imports = new ImpressionImport(store);

  private ImpressionImport.Summary json(String body) {
    return imports.importReport(
        "spring20", "application/json", null, body.getBytes(StandardCharsets.UTF_8));
  }

  private ImpressionImport.Summary csv(String body, String reach) {
    return imports.importReport(
        "spring20", "text/csv; charset=utf-8", reach, body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<FieldError> errorsOf(Runnable importing) {
    try {
      importing.run();
    } catch (InvalidInputException e) {
      return e.fields();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void importJson_storesRowsAndReach_andAnswersASummary() {
    ImpressionImport.Summary summary =
        json(
            """
            {"rows": [{"date": "2020-04-01", "creative": "c1", "impressions": 31250},
                      {"date": "2020-04-01", "creative": "c2", "impressions": 27400}],
             "reach": 220000}\
            """);

    assertThat(summary).isEqualTo(new ImpressionImport.Summary("spring20", 2, 58650, 220000L));
    ImpressionReport stored = store.impressions("spring20");
    assertThat(stored.rows())
        .containsExactly(
            new ImpressionRow(LocalDate.of(2020, 4, 1), "c1", 31250),
            new ImpressionRow(LocalDate.of(2020, 4, 1), "c2", 27400));
    assertThat(stored.reach()).isEqualTo(220000L);
  }

  @Test
  void importCsv_withReachParameter_storesTheSameAsJson() {
    ImpressionImport.Summary summary =
        csv("\uFEFFdate,creative,impressions\r\n2020-04-01,c1,31250\r\n2020-04-02, c2 ,7\r\n", "5");

    assertThat(summary).isEqualTo(new ImpressionImport.Summary("spring20", 2, 31257, 5L));
    assertThat(store.impressions("spring20").totalImpressions()).isEqualTo(31257);
  }

  @Test
  void importCsv_columnsInAnotherOrder_areReadByName() {
    csv("impressions,date,creative\n12,2020-04-03,c2\n", null);

    assertThat(store.impressions("spring20").rows())
        .containsExactly(new ImpressionRow(LocalDate.of(2020, 4, 3), "c2", 12));
  }

  @Test
  void importAgain_sameDateAndCreative_replacesTheRow() {
    csv("date,creative,impressions\n2020-04-01,c1,100\n2020-04-02,c1,50\n", "10");
    ImpressionImport.Summary again = csv("date,creative,impressions\n2020-04-01,c1,80\n", null);

    assertThat(store.impressions("spring20").totalImpressions()).isEqualTo(130);
    assertThat(again.reach()).as("the stored reach is kept without a new one").isEqualTo(10L);
  }

  @Test
  void importJson_wholeNumbersWrittenWithAFraction_countAsJsonSchemaReadsThem() {
    // schemathesis: 601.0 is an integer by the document's schema, and was refused.
    json(
        """
        {"rows": [{"date": "2020-04-01", "creative": "c1", "impressions": 601.0},
                  {"date": "2020-04-02", "creative": "c1", "impressions": 6.01e2}],
         "reach": 1.2e3}\
        """);

    assertThat(store.impressions("spring20").rows())
        .extracting(row -> row.impressions())
        .containsExactly(601L, 601L);
    assertThat(store.impressions("spring20").reach()).isEqualTo(1200L);
  }

  @Test
  void importJson_badRows_nameRowAndColumn() {
    List<FieldError> errors =
        errorsOf(
            () ->
                json(
                    """
                    {"rows": [{"date": "2020-04-01", "creative": "c1", "impressions": 1},
                              {"date": "2020-04-31", "creative": "c1", "impressions": 1},
                              {"date": "2020-03-31", "creative": "c9", "impressions": -1},
                              {"date": "2020-04-01", "creative": "c1", "impressions": 2},
                              {"creative": 3, "impressions": 1.5, "extra": true}],
                     "reach": "many"}\
                    """));

    assertThat(errors)
        .containsExactlyInAnyOrder(
            new FieldError("reach", "not_a_non_negative_integer"),
            new FieldError("rows[1].date", "not_a_date"),
            new FieldError("rows[2].date", "outside_campaign_window"),
            new FieldError("rows[2].creative", "not_a_creative_of_the_campaign"),
            new FieldError("rows[2].impressions", "not_a_non_negative_integer"),
            new FieldError("rows[3]", "duplicate_date_and_creative"),
            new FieldError("rows[4].extra", "unknown_field"),
            new FieldError("rows[4].date", "required"),
            new FieldError("rows[4].creative", "not_a_string"),
            new FieldError("rows[4].impressions", "not_a_non_negative_integer"));
    assertThat(store.impressions("spring20").rows()).as("nothing stored").isEmpty();
  }

  @Test
  void importCsv_badRows_nameLineAndColumn() {
    List<FieldError> errors =
        errorsOf(
            () ->
                csv(
                    """
                    date,creative,impressions
                    2020-04-01,c1,10
                    2020-04-01,c1,11
                    01/04/2020,c2,1.000
                    2020-04-02,c3,
                    2020-04-03,c1
                    """,
                    "-5"));

    assertThat(errors)
        .containsExactlyInAnyOrder(
            new FieldError("reach", "not_a_non_negative_integer"),
            new FieldError("line 3", "duplicate_date_and_creative"),
            new FieldError("line 4, column date", "not_a_date"),
            new FieldError("line 4, column impressions", "not_a_non_negative_integer"),
            new FieldError("line 5, column creative", "not_a_creative_of_the_campaign"),
            new FieldError("line 5, column impressions", "required"),
            new FieldError("line 6", "expected_3_values"));
  }

  @Test
  void importCsv_wrongHeader_isRefused() {
    assertThat(errorsOf(() -> csv("day,creative,impressions\n2020-04-01,c1,1\n", null)))
        .containsExactly(new FieldError("line 1", "header_must_be_date_creative_impressions"));
  }

  @Test
  void importJson_reachAsQueryParameter_countsWhenTheBodyHasNone_andTwoDifferentAreRefused() {
    // A client generated from the OpenAPI document may send the query parameter with JSON too.
    assertThat(
            imports
                .importReport(
                    "spring20",
                    "application/json",
                    "10",
                    "{\"rows\": []}".getBytes(StandardCharsets.UTF_8))
                .reach())
        .isEqualTo(10);
    assertThat(
            imports
                .importReport(
                    "spring20",
                    "application/json",
                    "12",
                    "{\"rows\": [], \"reach\": 12}".getBytes(StandardCharsets.UTF_8))
                .reach())
        .isEqualTo(12);
    assertThat(
            errorsOf(
                () ->
                    imports.importReport(
                        "spring20",
                        "application/json",
                        "10",
                        "{\"rows\": [], \"reach\": 11}".getBytes(StandardCharsets.UTF_8))))
        .containsExactly(new FieldError("reach", "differs_from_query_parameter"));
  }

  @Test
  void import_unknownCampaign_is404() {
    assertThatThrownBy(
            () ->
                imports.importReport(
                    "autumn20", "application/json", null, "{\"rows\": []}".getBytes()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> imports.importReport("../x", "application/json", null, "{}".getBytes()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void import_otherMediaTypeOrTooLarge_isRefused() {
    assertThatThrownBy(() -> imports.importReport("spring20", "text/plain", null, new byte[1]))
        .isInstanceOf(UnsupportedMediaTypeException.class);
    assertThatThrownBy(
            () ->
                imports.importReport(
                    "spring20", "text/csv", null, new byte[JsonBody.MAX_BYTES + 1]))
        .isInstanceOf(PayloadTooLargeException.class);
  }
}
