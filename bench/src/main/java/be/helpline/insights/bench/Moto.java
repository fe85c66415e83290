package be.helpline.insights.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A moto server of the benchmark's own on a free port (the project's {@code
 * infrastructure/moto-server}), so that a benchmark never touches 4566 or another engineer's data.
 */
final class Moto implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private Moto(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static Moto start(Path projectRoot, Path log) {
    int port = freePort();
    try {
      Process process =
          new ProcessBuilder(
                  projectRoot.resolve("infrastructure/moto-server").toString(),
                  "-H",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Moto moto = new Moto(process, URI.create("http://127.0.0.1:" + port));
      moto.awaitReady();
      return moto;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the moto server", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("moto exited at start");
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
      sleep(100);
    }
    close();
    throw new IllegalStateException("moto did not answer within 60 s");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
