package be.helpline.insights.core.error;

/**
 * One bad field of a request: its name and why, as a code such as {@code unknown_field}. The name
 * may come from the request itself (an unknown JSON member), so it is the one place that bounds
 * what an error body echoes: at most {@link #MAX_FIELD_LENGTH} characters of letters, digits and
 * {@code _ . - [ ] ,} and spaces; anything else becomes {@code _}.
 */
public record FieldError(String field, String code) {
  public static final int MAX_FIELD_LENGTH = 64;

  public FieldError {
    field = sanitised(field);
  }

  private static String sanitised(String field) {
    if (field == null || field.isEmpty()) {
      return "body";
    }
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < field.length() && name.length() < MAX_FIELD_LENGTH; i++) {
      char c = field.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_.-[], ".indexOf(c) >= 0;
      name.append(allowed ? c : '_');
    }
    return name.toString();
  }
}
