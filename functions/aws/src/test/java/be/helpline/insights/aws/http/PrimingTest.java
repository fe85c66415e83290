package be.helpline.insights.aws.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What HttpHandler's SnapStart priming does with a rehearsal that goes well and one that breaks.
 */
class PrimingTest {
  /** Answers its rehearsal with {@code status}, noting the requests it saw. */
  private static final class Rehearsing extends HttpHandler {
    final List<String> seen = new ArrayList<>();
    final int status;

    Rehearsing(int status) {
      this.status = status;
    }

    @Override
    protected ApiResponse handle(ApiRequest request, StructuredLog log) {
      seen.add(request.routeKey() + " " + request.header("origin").orElse(""));
      if (status >= 500) {
        throw new IllegalStateException("storage said no");
      }
      return ApiResponse.noContent();
    }

    @Override
    protected void prime() {
      rehearse(
          event(
              "POST",
              "POST /v1/beacons",
              "/v1/beacons",
              Map.of("origin", "https://selfhelp.example"),
              Map.of(),
              Map.of(),
              "{}"));
    }
  }

  private static String warningsOf(Runnable action) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(stderr);
    }
    return warnings.toString(StandardCharsets.UTF_8);
  }

  @Test
  void beforeCheckpoint_runsTheRehearsalThroughTheHandlersDecoding() {
    Rehearsing handler = new Rehearsing(204);

    String warnings = warningsOf(() -> handler.beforeCheckpoint(null));

    assertThat(handler.seen).containsExactly("POST /v1/beacons https://selfhelp.example");
    assertThat(warnings).isEmpty();
  }

  @Test
  void beforeCheckpoint_aRehearsalAnswered5xx_isAWarning_neverAnException() {
    Rehearsing handler = new Rehearsing(500);

    String[] warnings = new String[1];
    assertThatCode(() -> warnings[0] = warningsOf(() -> handler.beforeCheckpoint(null)))
        .doesNotThrowAnyException();

    assertThat(warnings[0])
        .contains("\"event\":\"priming_failed\"")
        .contains("java.lang.IllegalStateException");
  }
}
