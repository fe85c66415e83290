package be.helpline.insights.core.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict pull parser for one JSON document (RFC 8259), token by token: what the HTTP functions
 * read (their event, its body, DynamoDB's and KMS's answers) without Jackson's parser factory,
 * whose classes cost the beacon function about 80 ms of its cold start (README, issue 19).
 *
 * <p>It refuses what Jackson's parser refuses with the project's settings (Json.mapper()):
 * malformed JSON, invalid UTF-8, unescaped control characters, duplicate keys in an object, a
 * second value after the document's, nesting deeper than 1,000 and numbers longer than 1,000
 * characters (Jackson's default read constraints). JsonReaderTest checks it against Jackson.
 */
public final class JsonReader {
  /** Jackson's default StreamReadConstraints. */
  static final int MAX_DEPTH = 1000;

  static final int MAX_NUMBER_LENGTH = 1000;

  /** What the reader is on. */
  public enum Token {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    /** An object member's name: {@link #text()}. */
    NAME,
    STRING,
    /** A number without fraction or exponent: {@link #integer()}. */
    INTEGER,
    /** A number with a fraction or an exponent: {@link #decimal()}. */
    DECIMAL,
    TRUE,
    FALSE,
    NULL
  }

  private final String json;
  private int position;
  private Token current;
  private String text;

  /** Per open container, the member names it has had so far (none for an array). */
  private final List<Set<String>> names = new ArrayList<>();

  /** Per open container, whether it is an object. */
  private final List<Boolean> objects = new ArrayList<>();

  private boolean expectValue = true;
  private boolean rootDone;

  private JsonReader(String json, int start) {
    this.json = json;
    this.position = start;
  }

  /** A document in UTF-8 (a leading byte order mark is skipped); invalid UTF-8 is refused. */
  public static JsonReader of(byte[] utf8) throws IOException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("invalid UTF-8 in the JSON document", e);
    }
    return new JsonReader(text, !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0);
  }

  public static JsonReader of(String json) {
    return new JsonReader(json, 0);
  }

  /**
   * A whole document as plain Java values: a {@code Map<String, Object>} for an object (members in
   * order), a {@code List<Object>} for an array, String, Boolean, Integer, Long, BigInteger or
   * Double for a scalar, null for JSON null and for an empty document. For what an HTTP function
   * reads on its first request (a beacon, its configuration) without a tree's classes (issue 19).
   */
  public static Object plain(byte[] utf8) throws IOException {
    return of(utf8).plainDocument();
  }

  public static Object plain(String json) throws IOException {
    return of(json).plainDocument();
  }

  private Object plainDocument() throws IOException {
    if (next() == null) {
      return null;
    }
    Object root = value();
    next(); // null, or the refusal of trailing content
    return root;
  }

  /** The value the reader is on, read whole, as plain Java values (see {@link #plain}). */
  public Object value() throws IOException {
    return switch (current) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (next() == Token.NAME) {
          String name = text;
          next();
          object.put(name, value());
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (next() != Token.END_ARRAY) {
          array.add(value());
        }
        yield array;
      }
      case STRING -> text;
      case INTEGER -> integer();
      case DECIMAL -> decimal();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
      default -> throw error("unexpected " + current);
    };
  }

  /** The token the reader is on (null before the first and after the last). */
  public Token current() {
    return current;
  }

  /** A name's or a string's text, or a number's literal. */
  public String text() {
    return text;
  }

  /**
   * The integer the reader is on: an Integer, a Long or a BigInteger, the smallest that holds it.
   */
  public Number integer() {
    if (text.length() <= 18) {
      long value = Long.parseLong(text);
      return value == (int) value ? (Number) (int) value : (Number) value;
    }
    BigInteger value = new BigInteger(text);
    if (value.bitLength() < 32) {
      return value.intValue();
    }
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }

  public double decimal() {
    return Double.parseDouble(text);
  }

  /**
   * Moves to the next token: null at the end of the document (then again null); refuses anything
   * that is not one JSON value, whitespace around it.
   */
  public Token next() throws IOException {
    skipWhitespace();
    if (rootDone) {
      if (position < json.length()) {
        throw error("trailing content after the JSON value");
      }
      current = null;
      return null;
    }
    if (position >= json.length()) {
      if (names.isEmpty() && current == null) {
        return null; // an empty document
      }
      throw error("unexpected end of the JSON document");
    }
    char c = json.charAt(position);
    int depth = objects.size();
    boolean inObject = depth > 0 && objects.get(depth - 1);
    if (c == '}' || c == ']') {
      if (depth == 0 || inObject != (c == '}')) {
        throw error("unexpected '" + c + "'");
      }
      if (expectValue && !isOpen()) {
        throw error("a value was expected before '" + c + "'");
      }
      position++;
      objects.remove(depth - 1);
      names.remove(depth - 1);
      return closed(c == '}' ? Token.END_OBJECT : Token.END_ARRAY);
    }
    if (!expectValue) {
      if (c != ',') {
        throw error("expected ',' or '" + (inObject ? '}' : ']') + "'");
      }
      position++;
      skipWhitespace();
      expectValue = true;
      if (position >= json.length()) {
        throw error("unexpected end of the JSON document");
      }
      c = json.charAt(position);
    }
    if (inObject && current != Token.NAME) {
      if (c != '"') {
        throw error("expected a member name in double quotes");
      }
      position++;
      text = string();
      if (hasUnpairedSurrogate(text)) {
        throw error("an unpaired surrogate in a member name");
      }
      if (!names.get(depth - 1).add(text)) {
        throw error("a member name given twice in one object");
      }
      skipWhitespace();
      if (position >= json.length() || json.charAt(position) != ':') {
        throw error("expected ':' after a member name");
      }
      position++;
      return current = Token.NAME;
    }
    return value(c);
  }

  /** On a START_OBJECT or START_ARRAY: moves to its END token. Otherwise stays. */
  public void skipChildren() throws IOException {
    if (current != Token.START_OBJECT && current != Token.START_ARRAY) {
      return;
    }
    int open = 1;
    while (open > 0) {
      Token token = next();
      if (token == Token.START_OBJECT || token == Token.START_ARRAY) {
        open++;
      } else if (token == Token.END_OBJECT || token == Token.END_ARRAY) {
        open--;
      }
    }
  }

  /** Whether the container just opened has had no member yet ("{}" and "[]" are fine). */
  private boolean isOpen() {
    return current == Token.START_OBJECT || current == Token.START_ARRAY;
  }

  private Token value(char c) throws IOException {
    Token token =
        switch (c) {
          case '{' -> open(true, Token.START_OBJECT);
          case '[' -> open(false, Token.START_ARRAY);
          case '"' -> {
            position++;
            text = string();
            yield Token.STRING;
          }
          case 't' -> literal("true", Token.TRUE);
          case 'f' -> literal("false", Token.FALSE);
          case 'n' -> literal("null", Token.NULL);
          default -> {
            if (c == '-' || (c >= '0' && c <= '9')) {
              yield number();
            }
            throw error("an unexpected character");
          }
        };
    if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
      return closed(token);
    }
    return current = token;
  }

  private Token open(boolean object, Token token) throws IOException {
    if (objects.size() >= MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    position++;
    objects.add(object);
    names.add(object ? new HashSet<>() : Set.of());
    expectValue = true;
    return token;
  }

  /** A value is complete: the container now expects ',' or its end; the root, nothing more. */
  private Token closed(Token token) {
    expectValue = false;
    if (objects.isEmpty()) {
      rootDone = true;
    }
    return current = token;
  }

  private Token literal(String word, Token token) throws IOException {
    if (!json.startsWith(word, position)) {
      throw error("unrecognised token (expected " + word + ")");
    }
    position += word.length();
    if (position < json.length() && Character.isLetterOrDigit(json.charAt(position))) {
      throw error("unrecognised token");
    }
    text = word;
    return token;
  }

  private Token number() throws IOException {
    int start = position;
    boolean decimal = false;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
      if (isDigit(peek())) {
        throw error("leading zeros are not allowed in a number");
      }
    } else {
      digits();
    }
    if (peek() == '.') {
      position++;
      decimal = true;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      decimal = true;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      digits();
    }
    if (position - start > MAX_NUMBER_LENGTH) {
      throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    if (position < json.length() && Character.isLetterOrDigit(json.charAt(position))) {
      throw error("an unexpected character in a number");
    }
    text = json.substring(start, position);
    return decimal ? Token.DECIMAL : Token.INTEGER;
  }

  private void digits() throws IOException {
    if (!isDigit(peek())) {
      throw error("a digit was expected in a number");
    }
    while (isDigit(peek())) {
      position++;
    }
  }

  /** A string's content, the reader just after its opening quote; leaves it after the closing. */
  private String string() throws IOException {
    int start = position;
    while (position < json.length()) {
      char c = json.charAt(position);
      if (c == '"') {
        return json.substring(start, position++);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw error("an unescaped control character in a string");
      }
      position++;
    }
    StringBuilder value = new StringBuilder(position - start + 16).append(json, start, position);
    while (position < json.length()) {
      char c = json.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        throw error("an unescaped control character in a string");
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (position >= json.length()) {
        break;
      }
      char escaped = json.charAt(position++);
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append(unicodeEscape());
        default -> throw error("an invalid escape in a string");
      }
    }
    throw error("unexpected end of the JSON document in a string");
  }

  private char unicodeEscape() throws IOException {
    if (position + 4 > json.length()) {
      throw error("unexpected end of the JSON document in a \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(json.charAt(position++), 16);
      if (digit < 0) {
        throw error("an invalid \\u escape in a string");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  /** Jackson refuses these in names (not in values), so this reader does too. */
  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private void skipWhitespace() {
    while (position < json.length()) {
      char c = json.charAt(position);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      position++;
    }
  }

  private char peek() {
    return position < json.length() ? json.charAt(position) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Says where and what, never what the document holds there (it may be a person's input). */
  private IOException error(String problem) {
    return new IOException("malformed JSON at character " + position + ": " + problem);
  }
}
