package be.helpline.insights.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldErrorTest {
  @Test
  void field_namedByTheRequest_isEchoedBoundedAndWithoutMarkup() {
    String hostile = "<img src=x onerror=alert(1)>\"';\\u0000" + "a".repeat(10_000);

    FieldError error = new FieldError(hostile, "unknown_field");

    assertThat(error.field()).hasSizeLessThanOrEqualTo(FieldError.MAX_FIELD_LENGTH);
    assertThat(error.field()).matches("[A-Za-z0-9_.\\-\\[\\], ]+").doesNotContain("<", "\"", "'");
    assertThat(error.code()).isEqualTo("unknown_field");
  }

  @Test
  void field_ofOurOwnNaming_isKeptAsItIs() {
    assertThat(new FieldError("rows[3].impressions", "required").field())
        .isEqualTo("rows[3].impressions");
    assertThat(new FieldError("line 5, column impressions", "x").field())
        .isEqualTo("line 5, column impressions");
    assertThat(new FieldError("referral.centreType", "x").field()).isEqualTo("referral.centreType");
    assertThat(new FieldError("", "x").field()).isEqualTo("body");
  }
}
