package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claims reach the handlers as the HTTP API JWT authorizer passes them: every value a string. */
class ClaimsTest {

  @Test
  void arrayClaim_becomesBracketedSpaceSeparatedString() {
    assertThat(Claims.asString(List.of("responder", "coordinator")))
        .isEqualTo("[responder coordinator]");
    assertThat(Claims.asString(List.of("analyst"))).isEqualTo("[analyst]");
  }

  @Test
  void numbersAndBooleans_becomeTheirPlainText() {
    assertThat(Claims.asString(1586987320L)).isEqualTo("1586987320");
    assertThat(Claims.asString(2)).isEqualTo("2");
    assertThat(Claims.asString(1.5)).isEqualTo("1.5");
    assertThat(Claims.asString(true)).isEqualTo("true");
  }

  @Test
  void asStrings_keepsEveryClaimAndDropsNulls() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "a1b2");
    claims.put("exp", 1586987320L);
    claims.put("cognito:groups", List.of("centre"));
    claims.put("nothing", null);

    assertThat(Claims.asStrings(claims))
        .containsExactly(
            Map.entry("sub", "a1b2"),
            Map.entry("exp", "1586987320"),
            Map.entry("cognito:groups", "[centre]"));
  }
}
