package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The runner compresses what CloudFront compresses in front of the deployed snapshots and app. */
class CompressionTest {
  private static final byte[] JSON =
      ("{\"daily\":[" + "{\"date\":\"2026-01-01\",\"pageviews\":3},".repeat(200) + "{}]}")
          .getBytes(StandardCharsets.UTF_8);

  private static ApiAnswer file(byte[] body) {
    return ApiAnswer.of(200, "application/json", body)
        .withHeaders(List.of(Map.entry("etag", "\"abc\"")));
  }

  @Test
  void acceptsGzip_readsTheHeaderAsBrowsersSendIt() {
    assertThat(LocalApi.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
    assertThat(LocalApi.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
    assertThat(LocalApi.acceptsGzip("*")).isTrue();
    assertThat(LocalApi.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(LocalApi.acceptsGzip("identity")).isFalse();
    assertThat(LocalApi.acceptsGzip(null)).isFalse();
  }

  @Test
  void gzipped_aLargeJsonFile_isCompressedWithAWeakETag() throws Exception {
    ApiAnswer answer = LocalApi.gzipped(file(JSON), "gzip");

    assertThat(answer.header("content-encoding")).isEqualTo("gzip");
    assertThat(answer.header("etag")).isEqualTo("W/\"abc\"");
    assertThat(answer.header("vary")).isEqualTo("Accept-Encoding");
    assertThat(answer.body().length).isLessThan(JSON.length / 10);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(JSON);
    }
  }

  @Test
  void gzipped_smallFilesOther404sAndClientsWithoutGzip_goAsTheyAre() {
    byte[] small = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(LocalApi.gzipped(file(small), "gzip").body()).isEqualTo(small);
    assertThat(LocalApi.gzipped(file(JSON), "identity").body()).isEqualTo(JSON);
    assertThat(LocalApi.gzipped(file(JSON), null).header("vary")).isEqualTo("Accept-Encoding");
    ApiAnswer missing = new ApiAnswer(404, List.of(Map.entry("content-type", "text/plain")), JSON);
    assertThat(LocalApi.gzipped(missing, "gzip").header("content-encoding")).isNull();
    ApiAnswer image = ApiAnswer.of(200, "image/png", JSON);
    assertThat(LocalApi.gzipped(image, "gzip").header("content-encoding")).isNull();
  }
}
