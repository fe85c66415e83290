package be.helpline.insights.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One moto server per test JVM, started by the tests themselves from the project-local venv and
 * stopped when the JVM exits. Tests talk to it over real HTTP, exactly as the handlers talk to AWS.
 */
public final class MotoServer {
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The JVM's moto server, started on first use on a free loopback port. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /**
   * A moto server of the caller's own, for tests that need storage nobody else writes to; the
   * caller stops it.
   */
  public static MotoServer startPrivate() {
    MotoServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Stops and restarts nothing: tests that need storage to be down use their own unreachable
   * endpoint.
   */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static MotoServer start() {
    Path executable = executable();
    int port = freePort();
    try {
      Path log = Files.createTempFile("moto-", ".log");
      Process process =
          new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      awaitReady(process, endpoint, log);
      return new MotoServer(process, endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start moto server " + executable, e);
    }
  }

  private static Path executable() {
    String configured = System.getProperty("moto.server");
    Path path =
        configured != null
            ? Path.of(configured)
            : ProjectFiles.root().resolve("infrastructure/moto-server");
    if (!Files.isExecutable(path)
        || !Files.isExecutable(path.getParent().resolveSibling(".venv/bin/python"))) {
      throw new IllegalStateException(
          "moto launcher not found at "
              + path
              + ": run `make venv` (or `make test`, which does it)");
    }
    return path;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitReady(Process process, URI endpoint, Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto server exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "moto server did not answer within 60 s: " + Files.readString(log));
  }
}
