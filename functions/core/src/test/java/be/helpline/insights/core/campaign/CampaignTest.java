package be.helpline.insights.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignTest {

  private static Campaign landingAt(String url) {
    return new Campaign(
        "spring20",
        "Voorjaar",
        LocalDate.parse("2020-04-01"),
        LocalDate.parse("2020-05-19"),
        url,
        Map.of("c1", "Kijk uit wat je kijkt!"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://stopitnow.example/|https://stopitnow.example/?utm_source=banner&utm_campaign=spring20&utm_content=c1",
        "https://stopitnow.example|https://stopitnow.example?utm_source=banner&utm_campaign=spring20&utm_content=c1",
        "https://stopitnow.example/a?lang=nl|https://stopitnow.example/a?lang=nl&utm_source=banner&utm_campaign=spring20&utm_content=c1",
        "https://stopitnow.example/a?|https://stopitnow.example/a?utm_source=banner&utm_campaign=spring20&utm_content=c1",
        "https://stopitnow.example/a?x=1&|https://stopitnow.example/a?x=1&utm_source=banner&utm_campaign=spring20&utm_content=c1",
        "https://stopitnow.example/a#top|https://stopitnow.example/a?utm_source=banner&utm_campaign=spring20&utm_content=c1#top",
        "https://stopitnow.example/a?b=c#top|https://stopitnow.example/a?b=c&utm_source=banner&utm_campaign=spring20&utm_content=c1#top"
      })
  void landingUrlFor_addsUtmParametersToTheQuery(String landing, String expected) {
    assertThat(landingAt(landing).landingUrlFor("c1")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"2020-03-31,false", "2020-04-01,true", "2020-05-19,true", "2020-05-20,false"})
  void runsOn_isInclusiveOfStartAndEnd(String day, boolean runs) {
    assertThat(landingAt("https://stopitnow.example/").runsOn(LocalDate.parse(day)))
        .isEqualTo(runs);
  }
}
