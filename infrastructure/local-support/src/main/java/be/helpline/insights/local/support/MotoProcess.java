package be.helpline.insights.local.support;

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
 * A moto server started from the project's launcher ({@code infrastructure/moto-server}: moto from
 * the project-local venv) on 127.0.0.1, waited for until it answers, and stopped on {@link #close}.
 * The local runner, the benchmarks and the integration tests all start theirs here.
 */
public final class MotoProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;

  private MotoProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts {@code launcher} on 127.0.0.1:port, its output to {@code log}, and waits until it
   * answers; throws, saying what to run, when the launcher or the venv beside it is missing.
   */
  public static MotoProcess start(Path launcher, int port, Path log) {
    Path python = launcher.toAbsolutePath().getParent().resolveSibling(".venv/bin/python");
    if (!Files.isExecutable(launcher) || !Files.isExecutable(python)) {
      throw new IllegalStateException(
          "moto launcher not found at "
              + launcher
              + ": run `make venv` (or `make test`, which does it)");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MotoProcess moto = new MotoProcess(process, URI.create("http://127.0.0.1:" + port));
      try {
        moto.awaitReady(log);
      } catch (RuntimeException e) {
        moto.close();
        throw e;
      }
      return moto;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + launcher, e);
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

  /** Whether nothing on 127.0.0.1 listens on {@code port} now. */
  public static boolean portFree(int port) {
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

  private void awaitReady(Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto server exited at start: " + tail(log));
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
    throw new IllegalStateException("moto server did not answer within 60 s: " + tail(log));
  }

  /** The end of the log, or where it is when it cannot be read. */
  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "see " + log;
    }
  }

  /** Stops the server and anything it started. */
  @Override
  public void close() {
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
