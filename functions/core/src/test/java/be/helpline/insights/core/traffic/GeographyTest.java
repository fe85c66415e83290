package be.helpline.insights.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeographyTest {

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "BE, VAN, BE-VLG",
        "BE, VBR, BE-VLG",
        "BE, VLI, BE-VLG",
        "BE, VOV, BE-VLG",
        "BE, VWV, BE-VLG",
        "BE, VLG, BE-VLG",
        "be, van, BE-VLG",
        "BE, BRU, BE-BRU",
        "BE, WAL, BE-WAL",
        "BE, WBR, BE-WAL",
        "BE, WHT, BE-WAL",
        "BE, WLG, BE-WAL",
        "BE, WLX, BE-WAL",
        "BE, WNA, BE-WAL",
        "BE, '', UNKNOWN",
        "BE, XYZ, UNKNOWN",
        "NL, NH, NL",
        "NL, '', NL",
        "FR, IDF, OTHER",
        "US, CA, OTHER",
        "'', '', UNKNOWN",
        "null, null, UNKNOWN",
        "'not a country', '', UNKNOWN"
      })
  void from_mapsCloudFrontViewerHeaders(String country, String region, String expected) {
    assertThat(Geography.from(country, region).code()).isEqualTo(expected);
  }
}
