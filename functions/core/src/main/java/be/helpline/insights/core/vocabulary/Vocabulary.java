package be.helpline.insights.core.vocabulary;

import be.helpline.insights.core.json.JsonTree;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The controlled vocabulary of a registration: every field's codes with Dutch and English labels.
 * The one source of truth for validation, {@code GET /v1/vocabulary}, the staff form, the snapshots
 * and the report; it lives in {@code vocabulary.json} beside this class. Nested fields are named
 * with a dot ({@code referral.centreType}).
 */
public final class Vocabulary {
  /**
   * Read on first use, not when a function starts: the registration function's first request may
   * not need it (its init stays within issue 19's cold-start bar), and SnapStart priming reads it.
   */
  private static final Vocabulary STANDARD = new Vocabulary(() -> load("vocabulary.json"));

  /** The document as published; records so that the API answer is the file, field for field. */
  public record Document(String version, List<Field> fields) {
    public Document {
      fields = List.copyOf(fields);
    }
  }

  /**
   * One field: its name, labels, whether it holds a set of codes, and its codes in display order.
   */
  public record Field(String field, String nl, String en, boolean multiple, List<Code> codes) {
    public Field {
      codes = List.copyOf(codes);
    }

    public List<String> codeNames() {
      return codes.stream().map(Code::code).toList();
    }

    public boolean allows(String code) {
      return codes.stream().anyMatch(c -> c.code().equals(code));
    }

    public String label(String code, Language language) {
      return codes.stream()
          .filter(c -> c.code().equals(code))
          .findFirst()
          .map(c -> c.label(language))
          .orElseThrow(() -> new NoSuchElementException(field + " has no code " + code));
    }

    public String label(Language language) {
      return language == Language.NL ? nl : en;
    }
  }

  /** One code and its labels. */
  public record Code(String code, String nl, String en) {
    public String label(Language language) {
      return language == Language.NL ? nl : en;
    }
  }

  /** The two languages every label exists in. */
  public enum Language {
    NL,
    EN
  }

  private final Supplier<Document> source;
  private volatile Indexed indexed;

  /** The document and its fields by name. */
  private record Indexed(Document document, Map<String, Field> byName) {}

  private Vocabulary(Supplier<Document> source) {
    this.source = source;
  }

  private Indexed indexed() {
    Indexed read = indexed;
    if (read == null) {
      synchronized (this) {
        read = indexed;
        if (read == null) {
          read = index(source.get());
          indexed = read;
        }
      }
    }
    return read;
  }

  private static Indexed index(Document document) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : document.fields()) {
      if (byName.put(field.field(), field) != null) {
        throw new IllegalStateException("field listed twice: " + field.field());
      }
    }
    return new Indexed(document, byName);
  }

  public static Vocabulary standard() {
    return STANDARD;
  }

  private static Document load(String resource) {
    try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return document(JsonTree.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Read from the tree rather than bound by the mapper, which would cost the registration
  // function's cold start some 400 classes (issue 19); as strict: every property known, every
  // text present.
  private static Document document(JsonNode node) {
    known(node, Set.of("version", "fields"));
    return new Document(text(node, "version"), list(node, "fields", Vocabulary::field));
  }

  private static Field field(JsonNode node) {
    known(node, Set.of("field", "nl", "en", "multiple", "codes"));
    return new Field(
        text(node, "field"),
        text(node, "nl"),
        text(node, "en"),
        node.path("multiple").asBoolean(false),
        list(
            node,
            "codes",
            code -> {
              known(code, Set.of("code", "nl", "en"));
              return new Code(text(code, "code"), text(code, "nl"), text(code, "en"));
            }));
  }

  private static void known(JsonNode node, Set<String> names) {
    if (!node.isObject()) {
      throw new IllegalStateException("vocabulary: an object expected");
    }
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      if (!names.contains(property.getKey())) {
        throw new IllegalStateException("vocabulary: unknown property " + property.getKey());
      }
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("vocabulary: " + name + " must be a text");
    }
    return value.textValue();
  }

  private static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> element) {
    JsonNode array = node.get(name);
    if (array == null || !array.isArray()) {
      throw new IllegalStateException("vocabulary: " + name + " must be a list");
    }
    List<T> list = new ArrayList<>();
    array.forEach(item -> list.add(element.apply(item)));
    return list;
  }

  public Document document() {
    return indexed().document();
  }

  public String version() {
    return indexed().document().version();
  }

  /**
   * The field of that name; throws for a name the vocabulary does not have (a programming error).
   */
  public Field field(String name) {
    Field field = indexed().byName().get(name);
    if (field == null) {
      throw new NoSuchElementException("no vocabulary field " + name);
    }
    return field;
  }

  /** The codes of a field in display order (every published table lists all of them). */
  public List<String> codes(String field) {
    return field(field).codeNames();
  }
}
