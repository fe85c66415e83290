package be.helpline.insights.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Validates snapshot files against the JSON Schemas kept in {@code schemas/v1/}. */
public final class SnapshotSchemas {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private SnapshotSchemas() {}

  /**
   * The validation errors of the document against {@code schemas/v1/<schemaFile>}; empty when
   * valid.
   */
  public static List<String> errors(String schemaFile, String json) {
    try {
      Schema schema =
          REGISTRY.getSchema(
              Files.readString(ProjectFiles.root().resolve("schemas/v1").resolve(schemaFile)),
              InputFormat.JSON);
      return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
