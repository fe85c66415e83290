package be.helpline.insights.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Compact JSON written value by value, without Jackson's generator (see {@link JsonReader} for
 * why). Writes exactly what Jackson's generators write with the project's settings (JsonWriterTest
 * compares them): the same escapes (the five short ones, a backslash-u escape for other control
 * characters, nothing else), numbers as Java prints them, non-finite ones quoted, decimals plain.
 * {@link #utf8()} gives Jackson's UTF-8 bytes, which write each UTF-16 surrogate as a backslash-u
 * escape escape (a registration's hash is taken over them); {@link #toString()} leaves them as they
 * are.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out = new StringBuilder(256);
  private final boolean escapeSurrogates;

  /** Per open container, whether it has had a value yet; depth 0 is the document. */
  private boolean[] started = new boolean[16];

  private int depth;
  private boolean afterName;

  private JsonWriter(boolean escapeSurrogates) {
    this.escapeSurrogates = escapeSurrogates;
  }

  /** For {@link #utf8()}: surrogates escaped, as Jackson's UTF-8 generator writes them. */
  public static JsonWriter forBytes() {
    return new JsonWriter(true);
  }

  /** For {@link #toString()}: as Jackson's text generator writes. */
  public static JsonWriter forText() {
    return new JsonWriter(false);
  }

  public JsonWriter startObject() {
    return open('{');
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter startArray() {
    return open('[');
  }

  public JsonWriter endArray() {
    return close(']');
  }

  /** An object member's name; its value comes next. */
  public JsonWriter name(String name) {
    separate();
    quoted(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** A string; null as JSON null (as Jackson writes it). */
  public JsonWriter string(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    quoted(value);
    return this;
  }

  public JsonWriter number(long value) {
    separate();
    out.append(value);
    return this;
  }

  /** Non-finite values as quoted strings ("NaN"), as Jackson's QUOTE_NON_NUMERIC_NUMBERS does. */
  public JsonWriter number(double value) {
    if (!Double.isFinite(value)) {
      return string(Double.toString(value));
    }
    separate();
    out.append(Double.toString(value));
    return this;
  }

  public JsonWriter number(float value) {
    if (!Float.isFinite(value)) {
      return string(Float.toString(value));
    }
    separate();
    out.append(Float.toString(value));
    return this;
  }

  /** Plainly: 0.0000000125, never 1.25E-8 (WRITE_BIGDECIMAL_AS_PLAIN). */
  public JsonWriter number(BigDecimal value) {
    separate();
    out.append(value.toPlainString());
    return this;
  }

  public JsonWriter number(BigInteger value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter bool(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** A value already written as JSON by someone else (the mapper, for an arbitrary object). */
  public JsonWriter raw(String json) {
    separate();
    out.append(json);
    return this;
  }

  public byte[] utf8() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private JsonWriter open(char bracket) {
    separate();
    out.append(bracket);
    depth++;
    if (depth == started.length) {
      started = java.util.Arrays.copyOf(started, depth * 2);
    }
    started[depth] = false;
    return this;
  }

  private JsonWriter close(char bracket) {
    if (depth == 0) {
      throw new IllegalStateException("no open container to close with " + bracket);
    }
    depth--;
    out.append(bracket);
    return this;
  }

  /** A comma before any value but a container's first and a member's own. */
  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0 && started[depth]) {
      out.append(',');
    }
    started[depth] = true;
  }

  private void quoted(String text) {
    out.append('"');
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String shortEscape =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> null;
          };
      boolean escape =
          shortEscape != null || c < 0x20 || (escapeSurrogates && Character.isSurrogate(c));
      if (!escape) {
        continue;
      }
      out.append(text, plain, i);
      plain = i + 1;
      if (shortEscape != null) {
        out.append(shortEscape);
      } else {
        out.append("\\u")
            .append(HEX[c >> 12 & 0xF])
            .append(HEX[c >> 8 & 0xF])
            .append(HEX[c >> 4 & 0xF])
            .append(HEX[c & 0xF]);
      }
    }
    out.append(text, plain, text.length());
    out.append('"');
  }
}
