package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {
  @TempDir Path folder;

  private StaticFiles files() throws Exception {
    Path app = Files.createDirectories(folder.resolve("web/app"));
    Files.writeString(app.resolve("index.html"), "<h1>staff</h1>");
    Files.createDirectories(app.resolve("js"));
    Files.writeString(app.resolve("js/form.js"), "export {};");
    Files.writeString(folder.resolve("web/secret.txt"), "outside");
    return new StaticFiles(app);
  }

  @Test
  void folder_servesItsIndex() throws Exception {
    ApiAnswer answer = files().serve("").orElseThrow();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("text/html");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("<h1>staff</h1>");
  }

  @Test
  void file_isServedWithItsContentType() throws Exception {
    assertThat(files().serve("js/form.js").orElseThrow().header("content-type"))
        .startsWith("text/javascript");
  }

  @Test
  void pathLeavingTheFolder_isRefused() throws Exception {
    StaticFiles files = files();

    assertThat(files.serve("../secret.txt")).isEmpty();
    assertThat(files.serve("js/../../secret.txt")).isEmpty();
    assertThat(files.serve("/../secret.txt")).isEmpty();
    assertThat(files.serve("..\\secret.txt")).isEmpty();
  }

  @Test
  void missingFile_isEmpty() throws Exception {
    assertThat(files().serve("nothing.html")).isEmpty();
  }
}
