package be.helpline.insights.core.campaign;

import be.helpline.insights.core.error.FieldError;
import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.NotFoundException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Use case: a coordinator imports an ad network's impression report for a configured campaign, as
 * JSON {@code {"rows": [{"date", "creative", "impressions"}], "reach": 220000}} or as CSV with the
 * header {@code date,creative,impressions} (reach then as query parameter). Every row must name one
 * of the campaign's creatives and a day of its window (a day outside it is almost always a report
 * of another campaign or year, so it is refused rather than silently kept). The whole report is
 * validated before anything is stored; a 400 names each bad row and column, {@code
 * rows[3].impressions} for JSON (rows counted from 0) and {@code line 5, column impressions} for
 * CSV (lines counted from 1, the header being line 1). Rows replace stored rows of the same (date,
 * creative), so importing the same report again is safe.
 */
public final class ImpressionImport {

  /** A 400 lists at most this many problems: enough to fix a report, bounded in size. */
  static final int MAX_ERRORS = 100;

  /** Far above any real campaign, far below where sums could overflow. */
  static final long MAX_COUNT = 1_000_000_000_000L;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,13}");
  private static final List<String> COLUMNS = List.of("date", "creative", "impressions");
  private static final Set<String> FIELDS = Set.of("rows", "reach");
  private static final Set<String> ROW_FIELDS = Set.copyOf(COLUMNS);

  private final CampaignStore store;

  public ImpressionImport(CampaignStore store) {
    this.store = store;
  }

  /**
   * What an import stored.
   *
   * @param rows the number of (date, creative) rows stored
   * @param impressions the impressions of those rows
   * @param reach the campaign's reach after the import, or null when none was ever given
   */
  public record Summary(String campaignId, int rows, long impressions, Long reach) {}

  /**
   * Validates and stores the report. Throws 413 beyond 64 KB, 415 for another media type, 404 for a
   * campaign that is not configured, 400 naming each bad row and column.
   *
   * @param reachParameter the {@code reach} query parameter, or null
   */
  public Summary importReport(
      String campaignId, String contentType, String reachParameter, byte[] body) {
    JsonBody.checkSize(body);
    String mediaType = JsonBody.mediaType(contentType);
    boolean csv = mediaType.equals("text/csv");
    if (!csv && !mediaType.equals("application/json")) {
      throw new UnsupportedMediaTypeException("send application/json or text/csv");
    }
    Campaign campaign =
        (Campaign.isValidId(campaignId) ? store.find(campaignId) : Optional.<Campaign>empty())
            .orElseThrow(() -> new NotFoundException("no campaign is configured with that id"));
    Errors errors = new Errors();
    Report report =
        csv
            ? readCsv(campaign, reachParameter, body, errors)
            : readJson(campaign, reachParameter, body, errors);
    errors.throwIfAny();
    store.saveImpressions(campaign.id(), report.rows());
    Long reach = report.reach();
    if (reach != null) {
      store.saveReach(campaign.id(), reach);
    } else {
      reach = store.impressions(campaign.id()).reach();
    }
    return new Summary(
        campaign.id(),
        report.rows().size(),
        report.rows().stream().mapToLong(ImpressionRow::impressions).sum(),
        reach);
  }

  private record Report(List<ImpressionRow> rows, Long reach) {}

  private static Report readJson(
      Campaign campaign, String reachParameter, byte[] body, Errors errors) {
    JsonNode json = JsonBody.parse(body);
    if (json == null || !json.isObject()) {
      throw InvalidInputException.of("body", "not_an_object");
    }
    json.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(name.length() > 64 ? "body" : name, "unknown_field");
              }
            });
    Long reach = null;
    JsonNode reachNode = json.get("reach");
    if (reachNode != null && !reachNode.isNull()) {
      reach = count(reachNode);
      if (reach == null) {
        errors.add("reach", "not_a_non_negative_integer");
      }
    }
    // The query parameter as for a CSV report, when the body has none; two different reaches are
    // refused rather than one chosen.
    Long queried = reachParameter == null ? null : reachOf(reachParameter, errors);
    if (queried != null && reach == null && (reachNode == null || reachNode.isNull())) {
      reach = queried;
    } else if (queried != null && reach != null && !queried.equals(reach)) {
      errors.add("reach", "differs_from_query_parameter");
    }
    JsonNode rowsNode = json.get("rows");
    List<ImpressionRow> rows = new ArrayList<>();
    if (rowsNode == null || rowsNode.isNull()) {
      errors.add("rows", "required");
    } else if (!rowsNode.isArray()) {
      errors.add("rows", "not_an_array");
    } else {
      RowChecker checker = new RowChecker(campaign, errors);
      for (int i = 0; i < rowsNode.size(); i++) {
        String prefix = "rows[" + i + "]";
        JsonNode row = rowsNode.get(i);
        if (!row.isObject()) {
          errors.add(prefix, "not_an_object");
          continue;
        }
        row.fieldNames()
            .forEachRemaining(
                name -> {
                  if (!ROW_FIELDS.contains(name)) {
                    errors.add(prefix + (name.length() > 64 ? "" : "." + name), "unknown_field");
                  }
                });
        String date = text(row, "date", prefix + ".date", errors);
        String creative = text(row, "creative", prefix + ".creative", errors);
        Long impressions = null;
        JsonNode impressionsNode = row.get("impressions");
        if (impressionsNode == null || impressionsNode.isNull()) {
          errors.add(prefix + ".impressions", "required");
        } else {
          impressions = count(impressionsNode);
          if (impressions == null) {
            errors.add(prefix + ".impressions", "not_a_non_negative_integer");
          }
        }
        checker.check(prefix, prefix + ".", date, creative, impressions).ifPresent(rows::add);
      }
    }
    return new Report(rows, reach);
  }

  /** The {@code reach} query parameter, or null (and an error) when it is not a count. */
  private static Long reachOf(String reachParameter, Errors errors) {
    if (DIGITS.matcher(reachParameter).matches() && Long.parseLong(reachParameter) <= MAX_COUNT) {
      return Long.parseLong(reachParameter);
    }
    errors.add("reach", "not_a_non_negative_integer");
    return null;
  }

  private static Report readCsv(
      Campaign campaign, String reachParameter, byte[] body, Errors errors) {
    Long reach = reachParameter == null ? null : reachOf(reachParameter, errors);
    String text = utf8(body);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // the byte order mark spreadsheet programs write
    }
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .get()
            .parse(new StringReader(text))) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw InvalidInputException.of("body", "not_csv");
    }
    if (records.isEmpty()) {
      throw InvalidInputException.of("line 1", "missing_header_date_creative_impressions");
    }
    CSVRecord header = records.getFirst();
    List<String> names = header.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    if (names.size() != COLUMNS.size() || !Set.copyOf(names).equals(Set.copyOf(COLUMNS))) {
      throw InvalidInputException.of("line 1", "header_must_be_date_creative_impressions");
    }
    Map<String, Integer> column =
        Map.of(
            "date", names.indexOf("date"),
            "creative", names.indexOf("creative"),
            "impressions", names.indexOf("impressions"));
    List<ImpressionRow> rows = new ArrayList<>();
    RowChecker checker = new RowChecker(campaign, errors);
    for (CSVRecord record : records.subList(1, records.size())) {
      String line = "line " + record.getRecordNumber();
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (record.size() != COLUMNS.size()) {
        errors.add(line, "expected_3_values");
        continue;
      }
      String date = record.get(column.get("date"));
      String creative = record.get(column.get("creative"));
      String impressionsText = record.get(column.get("impressions"));
      Long impressions = null;
      if (impressionsText.isEmpty()) {
        errors.add(line + ", column impressions", "required");
      } else if (DIGITS.matcher(impressionsText).matches()
          && Long.parseLong(impressionsText) <= MAX_COUNT) {
        impressions = Long.parseLong(impressionsText);
      } else {
        errors.add(line + ", column impressions", "not_a_non_negative_integer");
      }
      if (date.isEmpty()) {
        errors.add(line + ", column date", "required");
        date = null;
      }
      if (creative.isEmpty()) {
        errors.add(line + ", column creative", "required");
        creative = null;
      }
      checker.check(line, line + ", column ", date, creative, impressions).ifPresent(rows::add);
    }
    return new Report(rows, reach);
  }

  /** Checks one row's values against the campaign and the rows before it. */
  private static final class RowChecker {
    private final Campaign campaign;
    private final Errors errors;
    private final Set<String> seen = new HashSet<>();

    RowChecker(Campaign campaign, Errors errors) {
      this.campaign = campaign;
      this.errors = errors;
    }

    /**
     * The row, or empty after recording what is wrong with it. A null value was already reported.
     *
     * @param row how errors name the row as a whole
     * @param column what a column name is appended to
     */
    Optional<ImpressionRow> check(
        String row, String column, String dateText, String creative, Long impressions) {
      boolean valid = dateText != null && creative != null && impressions != null;
      LocalDate date = null;
      if (dateText != null) {
        try {
          date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
          errors.add(column + "date", "not_a_date");
          valid = false;
        }
        if (date != null && !campaign.runsOn(date)) {
          errors.add(column + "date", "outside_campaign_window");
          valid = false;
        }
      }
      if (creative != null && !(Campaign.isValidId(creative) && campaign.hasCreative(creative))) {
        errors.add(column + "creative", "not_a_creative_of_the_campaign");
        valid = false;
      }
      if (!valid) {
        return Optional.empty();
      }
      if (!seen.add(date + "/" + creative)) {
        errors.add(row, "duplicate_date_and_creative");
        return Optional.empty();
      }
      return Optional.of(new ImpressionRow(date, creative, impressions));
    }
  }

  /** Collects problems, up to {@link #MAX_ERRORS}. */
  private static final class Errors {
    private final List<FieldError> fields = new ArrayList<>();
    private boolean truncated;

    void add(String field, String code) {
      if (fields.size() < MAX_ERRORS) {
        fields.add(new FieldError(field, code));
      } else {
        truncated = true;
      }
    }

    void throwIfAny() {
      if (!fields.isEmpty()) {
        throw new InvalidInputException(
            truncated
                ? "the report is not valid (only the first " + MAX_ERRORS + " problems are named)"
                : "the report is not valid",
            fields);
      }
    }
  }

  private static String text(JsonNode row, String name, String field, Errors errors) {
    JsonNode node = row.get(name);
    if (node == null || node.isNull()) {
      errors.add(field, "required");
      return null;
    }
    if (!node.isTextual()) {
      errors.add(field, "not_a_string");
      return null;
    }
    return node.asText();
  }

  /**
   * A whole number from 0 to {@link #MAX_COUNT}, or null. As JSON Schema's {@code integer}: {@code
   * 601.0} is one (a spreadsheet's export may write it so), {@code 1.5} and {@code "1"} are not.
   */
  private static Long count(JsonNode node) {
    if (!node.isNumber()) {
      return null;
    }
    BigDecimal value = node.decimalValue();
    if (value.signum() < 0
        || value.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0
        || value.stripTrailingZeros().scale() > 0) {
      return null;
    }
    return value.longValueExact();
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw InvalidInputException.of("body", "not_utf8");
    }
  }
}
