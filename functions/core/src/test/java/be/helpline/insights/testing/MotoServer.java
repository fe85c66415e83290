package be.helpline.insights.testing;

import be.helpline.insights.local.support.MotoProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One moto server per test JVM, started by the tests themselves from the project-local venv and
 * stopped when the JVM exits. Tests talk to it over real HTTP, exactly as the handlers talk to AWS.
 */
public final class MotoServer {
  private static MotoServer shared;

  private final MotoProcess moto;

  private MotoServer(MotoProcess moto) {
    this.moto = moto;
  }

  /** The JVM's moto server, started on first use on a free loopback port. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = startPrivate();
    }
    return shared;
  }

  /**
   * A moto server of the caller's own, for tests that need storage nobody else writes to; the
   * caller stops it (or the JVM's exit does).
   */
  public static MotoServer startPrivate() {
    String configured = System.getProperty("moto.server");
    Path launcher =
        configured != null
            ? Path.of(configured)
            : ProjectFiles.root().resolve("infrastructure/moto-server");
    try {
      Path log = Files.createTempFile("moto-", ".log");
      MotoServer server = new MotoServer(MotoProcess.start(launcher, MotoProcess.freePort(), log));
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return moto.endpoint();
  }

  /**
   * Stops the server; nothing restarts it. Tests that need storage to be down use their own
   * unreachable endpoint.
   */
  public void stop() {
    moto.close();
  }
}
