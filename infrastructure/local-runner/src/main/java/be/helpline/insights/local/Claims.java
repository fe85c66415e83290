package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JWT claims as the HTTP API JWT authorizer hands them to the integration: every value a string,
 * numbers in decimal, an array as its items space-separated in brackets ({@code [responder
 * coordinator]}).
 */
final class Claims {
  private Claims() {}

  static Map<String, String> asStrings(Map<String, Object> claims) {
    Map<String, String> strings = new LinkedHashMap<>();
    claims.forEach(
        (name, value) -> {
          if (value != null) {
            strings.put(name, asString(value));
          }
        });
    return strings;
  }

  static String asString(Object value) {
    return switch (value) {
      case null -> "";
      case String text -> text;
      case Integer number -> number.toString();
      case Long number -> number.toString();
      case Short number -> number.toString();
      case Byte number -> number.toString();
      case BigInteger number -> number.toString();
      case BigDecimal number -> number.toPlainString();
      case Number number -> BigDecimal.valueOf(number.doubleValue()).toPlainString();
      case Boolean bool -> bool.toString();
      case List<?> list ->
          list.stream().map(Claims::asString).collect(Collectors.joining(" ", "[", "]"));
      default -> json(value);
    };
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
