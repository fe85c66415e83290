package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Reading the snapshots" commands, each line as written there, run with the tools
 * {@code make analyst-tools} installs (the AWS CLI and DuckDB) against a runner of its own: so the
 * section stays true.
 */
class AnalystCommandsIT {
  private static final String START = "<!-- analyst-commands:start -->";
  private static final String END = "<!-- analyst-commands:end -->";
  private static final String MARK = "::analyst-command-done::";

  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  /** The lines of the README's command block, in order. */
  static List<String> readmeCommands() throws Exception {
    String readme = Files.readString(LocalRunner.projectRoot().resolve("README.md"));
    String block = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
    List<String> commands = new ArrayList<>();
    for (String line : block.strip().lines().toList()) {
      if (!line.startsWith("```") && !line.isBlank()) {
        commands.add(line);
      }
    }
    return commands;
  }

  @Test
  void readmeCommands_readTheNewestRunWithTheAwsCliAndDuckDb(@TempDir Path folder)
      throws Exception {
    Path tools = LocalRunner.projectRoot().resolve(".venv-analyst/bin");
    assertThat(tools.resolve("aws")).as("installed by make analyst-tools").isExecutable();
    LOCAL.http().setClock("2020-04-02T08:30:00Z");
    for (int i = 0; i < 3; i++) {
      assertThat(
              LOCAL
                  .http()
                  .send(
                      HttpRequest.newBuilder(LOCAL.http().uri("/v1/beacons"))
                          .header("Origin", "https://selfhelp.example")
                          .header("Content-Type", "text/plain;charset=UTF-8")
                          .POST(
                              BodyPublishers.ofString(
                                  "{\"site\":\"selfhelp\",\"path\":\"/module/3\","
                                      + "\"source\":\"search\",\"newVisit\":true}")))
                  .statusCode())
          .isEqualTo(204);
    }
    LOCAL.http().aggregate("{}");

    List<String> commands = readmeCommands();
    assertThat(commands).hasSize(7);
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    for (String command : commands) {
      script.append(command).append("\necho ").append(MARK).append('\n');
    }
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-c", script.toString())
            .directory(folder.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = bash.environment();
    env.put("PATH", tools + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("AWS_ENDPOINT_URL", LOCAL.runner().emulator().toString());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.put("BUCKET", LOCAL.runner().environment("AggregatorFunction").get("SNAPSHOT_BUCKET"));
    Process process = bash.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    System.out.println("The README's analyst commands answered:\n" + output.replace(MARK, "--"));

    String[] answers = output.split(MARK + "\n", -1);
    assertThat(answers).as(output).hasSize(8);
    assertThat(answers[0]).as("the pointer").contains("\"runId\"").contains("\"path\"");
    assertThat(answers[2]).as("sync says nothing when all went well").isBlank();
    assertThat(folder.resolve("snapshot/traffic.json")).isRegularFile();
    assertThat(folder.resolve("snapshot/csv/total.csv")).isRegularFile();
    assertThat(answers[3]).as("total.csv in DuckDB").contains("kind").contains("suppressed");
    assertThat(answers[4]).as("contacts.json in DuckDB").contains("contacts").contains("referrals");
    assertThat(answers[5])
        .as("the self-help module's visits in DuckDB")
        .contains("2020-04-02")
        .containsPattern("\\b3\\b");
    assertThat(answers[6]).as("the same from the year files").isEqualTo(answers[5]);
  }
}
