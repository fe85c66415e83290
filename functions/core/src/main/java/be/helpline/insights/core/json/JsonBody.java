package be.helpline.insights.core.json;

import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/** Reads a staff request's JSON body: at most 64 KB (413), {@code application/json} (415). */
public final class JsonBody {
  public static final int MAX_BYTES = 64 * 1024;

  private JsonBody() {}

  public static JsonNode read(String contentType, byte[] body) {
    checkSize(body);
    if (!mediaType(contentType).equals("application/json")) {
      throw new UnsupportedMediaTypeException("send application/json");
    }
    return parse(body);
  }

  /** 413 beyond {@link #MAX_BYTES}. */
  public static void checkSize(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new PayloadTooLargeException("a body is at most " + MAX_BYTES + " bytes");
    }
  }

  /** The media type of a Content-Type header, lower-cased, without parameters. */
  public static String mediaType(String contentType) {
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The body as a JSON tree; 400 {@code body: not_json} when it is not JSON. */
  public static JsonNode parse(byte[] body) {
    try {
      return JsonTree.read(body);
    } catch (IOException e) {
      throw InvalidInputException.of("body", "not_json");
    }
  }
}
