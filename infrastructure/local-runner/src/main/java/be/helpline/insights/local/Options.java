package be.helpline.insights.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the local runner starts.
 *
 * @param projectRoot the repository: template.yaml, infrastructure/local-parameters.json, .venv,
 *     web/app
 * @param port the local API's port; 0 picks a free one
 * @param endpoint the AWS emulator to use; null starts moto on 127.0.0.1:4566
 * @param demo load demo data when the counters table is empty
 * @param region the region handed to the functions and the SDK clients
 * @param logSink where the JSON log lines go
 * @param console where the start-up text goes
 */
public record Options(
    Path projectRoot,
    String host,
    int port,
    URI endpoint,
    boolean demo,
    String region,
    LogSink logSink,
    PrintStream console) {
  private static final Set<String> OFF = Set.of("0", "false", "no", "off");

  public Options {
    projectRoot = projectRoot.toAbsolutePath().normalize();
  }

  /**
   * A runner for a test or a benchmark: a free port, this emulator, no demo data, nothing on the
   * console and no log lines.
   */
  public static Options quiet(Path projectRoot, URI endpoint) {
    return defaults(projectRoot)
        .withPort(0)
        .withEndpoint(endpoint)
        .withDemo(false)
        .withLogSink(line -> {})
        .withConsole(new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  /** 127.0.0.1:3000, moto started by the runner, demo data on, eu-west-1, standard output. */
  public static Options defaults(Path projectRoot) {
    return new Options(
        projectRoot,
        "127.0.0.1",
        3000,
        null,
        true,
        "eu-west-1",
        LogSink.standardOutput(),
        System.out);
  }

  /** The defaults, overridden by PORT, AWS_ENDPOINT_URL, DEMO and AWS_REGION. */
  public static Options fromEnvironment(Map<String, String> env, Path projectRoot) {
    Options options = defaults(projectRoot);
    if (present(env.get("PORT"))) {
      options = options.withPort(Integer.parseInt(env.get("PORT").trim()));
    }
    if (present(env.get("AWS_ENDPOINT_URL"))) {
      options = options.withEndpoint(URI.create(env.get("AWS_ENDPOINT_URL").trim()));
    }
    if (present(env.get("DEMO"))) {
      options = options.withDemo(!OFF.contains(env.get("DEMO").trim().toLowerCase(Locale.ROOT)));
    }
    if (present(env.get("AWS_REGION"))) {
      options = options.withRegion(env.get("AWS_REGION").trim());
    }
    return options;
  }

  public Options withPort(int port) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  public Options withEndpoint(URI endpoint) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  public Options withDemo(boolean demo) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  public Options withRegion(String region) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  public Options withLogSink(LogSink logSink) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  public Options withConsole(PrintStream console) {
    return new Options(projectRoot, host, port, endpoint, demo, region, logSink, console);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
