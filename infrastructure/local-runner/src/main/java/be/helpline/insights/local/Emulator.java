package be.helpline.insights.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS endpoint: one given by {@code AWS_ENDPOINT_URL} (LocalStack, a moto already
 * running), or a moto server the runner starts from the project's virtual environment and stops
 * when it closes. The benchmarks start theirs here too, each on a free port with its own log.
 */
public final class Emulator implements AutoCloseable {
  static final int MOTO_PORT = 4566;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final Process process;

  private Emulator(URI endpoint, Process process) {
    this.endpoint = endpoint;
    this.process = process;
  }

  static Emulator external(URI endpoint) {
    return new Emulator(endpoint, null);
  }

  /**
   * Starts the project's moto server ({@code infrastructure/moto-server}: moto from the venv, one
   * request at a time) on 127.0.0.1:port, logging to {@code .local/moto.log}, and waits until it
   * answers.
   */
  static Emulator startMoto(Path projectRoot, int port) {
    return startMoto(projectRoot, port, projectRoot.resolve(".local/moto.log"));
  }

  /** The same, logging to {@code log}: a benchmark's own moto on {@link #freePort()}. */
  public static Emulator startMoto(Path projectRoot, int port, Path log) {
    Path executable = projectRoot.resolve("infrastructure/moto-server");
    if (!Files.isExecutable(executable)
        || !Files.isExecutable(projectRoot.resolve(".venv/bin/python"))) {
      throw new IllegalStateException(
          "moto launcher not found at " + executable + ": run `make venv` or set AWS_ENDPOINT_URL");
    }
    if (!portFree(port)) {
      throw new IllegalStateException(
          "port "
              + port
              + " is in use: stop what listens there, or set AWS_ENDPOINT_URL to use it as the"
              + " emulator");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Emulator emulator = new Emulator(URI.create("http://127.0.0.1:" + port), process);
      try {
        emulator.awaitReady(log);
      } catch (RuntimeException e) {
        emulator.close();
        throw e;
      }
      return emulator;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + executable, e);
    }
  }

  /** A port nothing on 127.0.0.1 listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean portFree(int port) {
    try {
      new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** "moto (started by the runner)" or "external". */
  String description() {
    return process == null ? "external (AWS_ENDPOINT_URL)" : "moto, started by the runner";
  }

  private void awaitReady(Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto server exited at start; see " + log);
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status == 200) {
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
    throw new IllegalStateException("moto server did not answer within 60 s; see " + log);
  }

  /**
   * Stops the moto server it started (and anything that server started); an external one is left.
   */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
