package be.helpline.insights.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves a folder's files under a URL prefix ({@code index.html} for a folder), refusing any path
 * that leaves the folder.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("md", "text/markdown; charset=utf-8"),
          Map.entry("csv", "text/csv; charset=utf-8"),
          Map.entry("woff2", "font/woff2"));

  private final Path root;

  StaticFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The file for a path relative to the folder (already percent-decoded), if it is inside and
   * exists.
   */
  Optional<ApiAnswer> serve(String relativePath) throws IOException {
    if (relativePath.contains("\0") || relativePath.contains("\\")) {
      return Optional.empty();
    }
    List<String> segments = List.of(relativePath.split("/", -1));
    if (segments.stream().anyMatch(segment -> segment.equals("..") || segment.equals("."))) {
      return Optional.empty();
    }
    Path file =
        root.resolve(relativePath.startsWith("/") ? relativePath.substring(1) : relativePath)
            .normalize();
    if (!file.startsWith(root)) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
      return Optional.empty();
    }
    return Optional.of(
        ApiAnswer.of(200, contentType(file.getFileName().toString()), Files.readAllBytes(file))
            .withHeaders(List.of(Map.entry("cache-control", "no-cache"))));
  }

  static String contentType(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
