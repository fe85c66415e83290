package be.helpline.insights.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (where template.yaml lives), for tests that read project files. */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path root() {
    String configured = System.getProperty("project.root");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }
}
