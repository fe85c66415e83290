package be.helpline.insights.core.error;

/** One bad field of a request: its JSON name and why, as a code such as {@code unknown_field}. */
public record FieldError(String field, String code) {}
