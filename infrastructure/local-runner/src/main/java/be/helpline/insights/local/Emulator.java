package be.helpline.insights.local;

import be.helpline.insights.local.support.MotoProcess;
import java.net.URI;
import java.nio.file.Path;

/**
 * The local AWS endpoint: one given by {@code AWS_ENDPOINT_URL} (LocalStack, a moto already
 * running), or a moto server the runner starts from the project's virtual environment and stops
 * when it closes. The benchmarks start theirs here too, each on a free port with its own log.
 */
public final class Emulator implements AutoCloseable {
  static final int MOTO_PORT = 4566;

  private final URI endpoint;
  private final MotoProcess moto;

  private Emulator(URI endpoint, MotoProcess moto) {
    this.endpoint = endpoint;
    this.moto = moto;
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
    if (!MotoProcess.portFree(port)) {
      throw new IllegalStateException(
          "port "
              + port
              + " is in use: stop what listens there, or set AWS_ENDPOINT_URL to use it as the"
              + " emulator");
    }
    MotoProcess moto =
        MotoProcess.start(projectRoot.resolve("infrastructure/moto-server"), port, log);
    return new Emulator(moto.endpoint(), moto);
  }

  /** A port nothing on 127.0.0.1 listens on now. */
  public static int freePort() {
    return MotoProcess.freePort();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** "moto (started by the runner)" or "external". */
  String description() {
    return moto == null ? "external (AWS_ENDPOINT_URL)" : "moto, started by the runner";
  }

  /**
   * Stops the moto server it started (and anything that server started); an external one is left.
   */
  @Override
  public void close() {
    if (moto != null) {
      moto.close();
    }
  }
}
