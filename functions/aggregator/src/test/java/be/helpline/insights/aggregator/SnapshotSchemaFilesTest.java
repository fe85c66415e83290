package be.helpline.insights.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SnapshotSchemaFilesTest {

  @Test
  void load_publishesEverySchemaOfTheRepository() throws IOException {
    try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("schemas/v1"))) {
      assertThat(SnapshotSchemaFiles.load())
          .extracting(SnapshotFile::name)
          .containsExactlyInAnyOrderElementsOf(
              files.map(path -> path.getFileName().toString()).toList());
    }
  }
}
