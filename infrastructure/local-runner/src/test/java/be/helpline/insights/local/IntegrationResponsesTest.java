package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationResponsesTest {
  private static ApiAnswer parse(String output) throws IOException {
    return IntegrationResponses.parse(output.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fullResponse_givesStatusHeadersCookiesAndBody() throws IOException {
    ApiAnswer answer =
        parse(
            """
            {"statusCode": 302, "headers": {"location": "https://x.example/"},
             "multiValueHeaders": {"x-m": ["a", "b"]}, "cookies": ["k=v"],
             "body": "", "isBase64Encoded": false}
            """);

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.headers())
        .contains(
            Map.entry("location", "https://x.example/"),
            Map.entry("x-m", "a"),
            Map.entry("x-m", "b"),
            Map.entry("set-cookie", "k=v"));
  }

  @Test
  void base64Body_isDecoded() throws IOException {
    ApiAnswer answer =
        parse("{\"statusCode\": 200, \"body\": \"aGk=\", \"isBase64Encoded\": true}");

    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
  }

  @Test
  void jsonWithoutStatusCode_isA200JsonBody() throws IOException {
    ApiAnswer answer = parse("{\"runId\": \"r1\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).isEqualTo("application/json");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"runId\": \"r1\"}");
  }

  @Test
  void outputThatIsNotJson_isAnError() {
    assertThatThrownBy(() -> parse("not json")).isInstanceOf(IOException.class);
  }
}
