package be.helpline.insights.core.contacts;

import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.core.vocabulary.Vocabulary.Language;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The written answer to the standing questions of a parliamentary question (SPEC section 4), in
 * Dutch or English, built only from the published documents (contacts.json, traffic.json,
 * campaigns.json), never from raw counts: a suppressed count is said as "fewer than k" (primary) or
 * "not published" (secondary), never as a number. The report year is the last calendar year with
 * contacts that is released (the current year when there is none).
 */
final class ContactsReport {
  private ContactsReport() {}

  static String write(
      Language language,
      Vocabulary vocabulary,
      JsonNode contacts,
      JsonNode traffic,
      JsonNode campaigns) {
    boolean nl = language == Language.NL;
    int k = contacts.path("policy").path("threshold").asInt(5);
    LocalDate dataThrough = LocalDate.parse(contacts.path("dataThrough").asText());
    JsonNode year = yearPeriod(contacts);
    String y = year == null ? String.valueOf(dataThrough.getYear()) : year.path("period").asText();
    JsonNode t = year == null ? null : year.path("tables");
    JsonNode previous = period(contacts, String.valueOf(Integer.parseInt(y) - 1));
    List<String> out = new ArrayList<>();
    out.add(
        nl ? "# Antwoord op de vaste vragen, " + y : "# Answer to the standing questions, " + y);
    out.add("");
    out.add(
        nl
            ? "Cijfers tot en met "
                + dataThrough
                + ". Aantallen van 1 tot "
                + (k - 1)
                + " worden niet gepubliceerd (\"minder dan "
                + k
                + "\"); andere aantallen die een"
                + " klein aantal zouden verraden, evenmin (\"niet gepubliceerd\")."
            : "Figures up to and including "
                + dataThrough
                + ". Counts from 1 to "
                + (k - 1)
                + " are not published (\"fewer than "
                + k
                + "\"); nor are other counts that would"
                + " reveal a small one (\"not published\").");
    out.add("");
    out.add(nl ? "## Campagnes: bereik en kliks" : "## Campaigns: reach and clicks");
    out.add("");
    JsonNode list = campaigns == null ? null : campaigns.path("campaigns");
    if (list == null || !list.isArray() || list.isEmpty()) {
      out.add(
          nl
              ? "Deze momentopname bevat geen campagnecijfers."
              : "This snapshot holds no campaign figures.");
    } else {
      for (JsonNode c : list) {
        out.add(
            nl
                ? "- "
                    + literal(c.path("name").asText(c.path("id").asText()))
                    + " ("
                    + c.path("start").asText()
                    + " tot "
                    + c.path("end").asText()
                    + "): "
                    + c.path("impressions").asLong()
                    + " vertoningen, bereik "
                    + c.path("reach").asLong()
                    + " personen, "
                    + c.path("clicks").asLong()
                    + " kliks."
                : "- "
                    + literal(c.path("name").asText(c.path("id").asText()))
                    + " ("
                    + c.path("start").asText()
                    + " to "
                    + c.path("end").asText()
                    + "): "
                    + c.path("impressions").asLong()
                    + " impressions, reach "
                    + c.path("reach").asLong()
                    + " people, "
                    + c.path("clicks").asLong()
                    + " clicks.");
      }
    }
    out.add("");
    out.add(nl ? "## Zelfhulpmodule" : "## Self-help module");
    out.add("");
    JsonNode selfhelp = traffic == null ? null : traffic.path("sites").path("selfhelp");
    if (selfhelp == null || selfhelp.isMissingNode()) {
      out.add(
          nl
              ? "Deze momentopname bevat geen bezoekcijfers van de zelfhulpmodule."
              : "This snapshot holds no self-help module visitor figures.");
    } else {
      JsonNode total = selfhelp.path("total");
      out.add(
          nl
              ? "Sinds de lancering telde de zelfhulpmodule "
                  + total.path("visits").asLong()
                  + " bezoeken"
                  + (total.has("newVisitors")
                      ? ", van "
                          + total.path("newVisitors").asLong()
                          + " nieuwe bezoekers; "
                          + total.path("returningVisitors").asLong()
                          + " bezoekers kwamen terug."
                      : ".")
              : "Since its launch the self-help module had "
                  + total.path("visits").asLong()
                  + " visits"
                  + (total.has("newVisitors")
                      ? ", by "
                          + total.path("newVisitors").asLong()
                          + " new visitors; "
                          + total.path("returningVisitors").asLong()
                          + " visitors came back."
                      : "."));
      List<String> regions = new ArrayList<>();
      for (JsonNode geo : selfhelp.path("byGeo").path("total")) {
        regions.add(geo.path("key").asText() + ": " + geo.path("visits").asLong());
      }
      if (!regions.isEmpty()) {
        out.add(
            (nl ? "Bezoeken per regio: " : "Visits by region: ")
                + String.join(", ", regions)
                + ".");
      }
    }
    out.add("");
    out.add(
        nl
            ? "## Contacten en vergelijking met het vorige jaar"
            : "## Contacts and change against the previous year");
    out.add("");
    if (t == null) {
      out.add(
          nl
              ? "Er zijn geen contactcijfers voor " + y + "."
              : "There are no contact figures for " + y + ".");
    } else {
      String now = count(t.path("total"), nl, k);
      out.add(
          nl
              ? "In " + y + " nam de hulplijn " + now + " contacten op."
              : "In " + y + " the helpline had " + now + " contacts.");
      if (previous != null) {
        JsonNode before = previous.path("tables").path("total");
        out.add(
            (nl
                    ? "In " + (Integer.parseInt(y) - 1) + " waren dat er "
                    : "In " + (Integer.parseInt(y) - 1) + " there were ")
                + count(before, nl, k)
                + change(t.path("total"), before, nl)
                + ".");
      } else {
        out.add(
            nl
                ? "Voor "
                    + (Integer.parseInt(y) - 1)
                    + " zijn er geen cijfers om mee te vergelijken."
                : "There are no figures for " + (Integer.parseInt(y) - 1) + " to compare with.");
      }
      out.add("");
      out.add(nl ? "## Doorverwijzingen" : "## Referrals");
      out.add("");
      JsonNode referrals = t.path("referrals");
      JsonNode share = referrals.path("share");
      out.add(
          nl
              ? "Er waren "
                  + count(referrals.path("total"), nl, k)
                  + " doorverwijzingen"
                  + (share.isNumber() ? ", " + percent(share) + " van de contacten" : "")
                  + "."
              : "There were "
                  + count(referrals.path("total"), nl, k)
                  + " referrals"
                  + (share.isNumber() ? ", " + percent(share) + " of contacts" : "")
                  + ".");
      out.add(
          (nl ? "Per oproeper: " : "By caller group: ")
              + cells(referrals.path("callerGroup"), vocabulary.field("callerGroup"), language, k)
              + ".");
      JsonNode outcomes = t.path("outcomes");
      JsonNode rate = outcomes.path("arrivalRate");
      if (outcomes.path("releaseOn").isTextual()) {
        String on = outcomes.path("releaseOn").asText();
        out.add(
            nl
                ? "Of doorverwezen personen in "
                    + y
                    + " aankwamen bij de hulpverlening, wordt gepubliceerd op "
                    + on
                    + "."
                : "Whether the people referred in "
                    + y
                    + " arrived at the service is published on "
                    + on
                    + ".");
      } else {
        out.add(
            nl
                ? count(outcomes.path("arrived"), nl, k)
                    + " doorverwezen personen kwamen aan bij de hulpverlening, "
                    + count(outcomes.path("notArrived"), nl, k)
                    + " niet; van "
                    + count(outcomes.path("unconfirmed"), nl, k)
                    + " is het niet bevestigd en "
                    + count(outcomes.path("pending"), nl, k)
                    + " zijn te recent."
                    + (rate.isNumber() ? " Het aankomstpercentage is " + percent(rate) + "." : "")
                : count(outcomes.path("arrived"), nl, k)
                    + " referred people arrived at the service, "
                    + count(outcomes.path("notArrived"), nl, k)
                    + " did not; "
                    + count(outcomes.path("unconfirmed"), nl, k)
                    + " were never confirmed and "
                    + count(outcomes.path("pending"), nl, k)
                    + " are too recent."
                    + (rate.isNumber() ? " The arrival rate is " + percent(rate) + "." : ""));
      }
      out.add("");
      out.add(
          nl
              ? "## Eerder grensoverschrijdend gedrag en meldingen"
              : "## Past offences and protocol reports");
      out.add("");
      out.add(
          nl
              ? "Van de contacten over zichzelf vertelden "
                  + count(key(t.path("pastOffencesSelf"), "YES"), nl, k)
                  + " personen over eerder grensoverschrijdend gedrag. In "
                  + count(key(t.path("risk"), "REPORTED"), nl, k)
                  + " contacten werd volgens het protocol melding gedaan bij het parket."
              : "Of the contacts about themselves, "
                  + count(key(t.path("pastOffencesSelf"), "YES"), nl, k)
                  + " people disclosed past offending. In "
                  + count(key(t.path("risk"), "REPORTED"), nl, k)
                  + " contacts a report was made to the prosecutor under the protocol.");
      out.add("");
      out.add(nl ? "## Gender en leeftijd" : "## Gender and age");
      out.add("");
      out.add(
          (nl ? "Gender: " : "Gender: ")
              + cells(t.path("gender"), vocabulary.field("gender"), language, k)
              + ".");
      out.add(
          nl
              ? "Van de vrouwen namen "
                  + count(key(t.path("callerGroupByGender"), "SELF/FEMALE"), nl, k)
                  + " contact op over zichzelf en "
                  + count(key(t.path("callerGroupByGender"), "RELATIVE/FEMALE"), nl, k)
                  + " over iemand uit hun omgeving."
              : "Of the women, "
                  + count(key(t.path("callerGroupByGender"), "SELF/FEMALE"), nl, k)
                  + " contacted the helpline about themselves and "
                  + count(key(t.path("callerGroupByGender"), "RELATIVE/FEMALE"), nl, k)
                  + " about someone close to them.");
      out.add(
          (nl ? "Leeftijd: " : "Age: ")
              + cells(t.path("ageBand"), vocabulary.field("ageBand"), language, k)
              + ".");
    }
    out.add("");
    return String.join("\n", out);
  }

  /**
   * The newest released year with contacts, else the newest released year, else null: the report
   * answers for a year once it is closed and released (SPEC section 6.1).
   */
  private static JsonNode yearPeriod(JsonNode contacts) {
    JsonNode newest = null;
    JsonNode withContacts = null;
    for (JsonNode p : contacts.path("periods")) {
      if (!p.path("kind").asText().equals("year")) {
        continue;
      }
      newest = p;
      JsonNode total = p.path("tables").path("total");
      if (!(total.path("count").isIntegralNumber() && total.path("count").asLong() == 0)) {
        withContacts = p;
      }
    }
    return withContacts != null ? withContacts : newest;
  }

  private static JsonNode period(JsonNode contacts, String period) {
    for (JsonNode p : contacts.path("periods")) {
      if (p.path("kind").asText().equals("year") && p.path("period").asText().equals(period)) {
        return p;
      }
    }
    return null;
  }

  private static JsonNode key(JsonNode list, String key) {
    for (JsonNode cell : list) {
      if (cell.path("key").asText().equals(key)) {
        return cell;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** A whole number as the language writes it: 1.500 in Dutch, 1,500 in English. */
  static String number(long value, boolean nl) {
    return java.text.NumberFormat.getIntegerInstance(
            nl ? java.util.Locale.forLanguageTag("nl-BE") : java.util.Locale.UK)
        .format(value);
  }

  /** A published count as a number, a suppressed one in words. */
  static String count(JsonNode cell, boolean nl, int k) {
    if (cell.path("count").isIntegralNumber()) {
      return number(cell.path("count").asLong(), nl);
    }
    if (cell.path("suppressed").asText().equals("primary")) {
      return nl ? "minder dan " + k : "fewer than " + k;
    }
    return nl ? "een niet gepubliceerd aantal" : "an unpublished number of";
  }

  private static String cells(JsonNode list, Vocabulary.Field field, Language language, int k) {
    List<String> parts = new ArrayList<>();
    for (JsonNode cell : list) {
      parts.add(
          field.label(cell.path("key").asText(), language)
              + " "
              + count(cell, language == Language.NL, k));
    }
    return String.join(", ", parts);
  }

  private static String percent(JsonNode ratio) {
    return Math.round(ratio.asDouble() * 100) + "%";
  }

  private static String change(JsonNode now, JsonNode before, boolean nl) {
    if (!now.path("count").isIntegralNumber()
        || !before.path("count").isIntegralNumber()
        || before.path("count").asLong() == 0) {
      return "";
    }
    long change =
        Math.round((now.path("count").asDouble() / before.path("count").asDouble() - 1) * 100);
    return nl
        ? " (een verandering van " + (change > 0 ? "+" : "") + change + "%)"
        : " (a change of " + (change > 0 ? "+" : "") + change + "%)";
  }

  /**
   * Text that staff typed (a campaign's name), as Markdown that reads it literally: every ASCII
   * punctuation character backslash-escaped (CommonMark), so a name such as {@code [x](http://[)}
   * is shown as typed, never a link, markup or HTML, and line breaks become spaces.
   */
  static String literal(String text) {
    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        escaped.append(' ');
      } else if (c < 0x80 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
        escaped.append('\\').append(c);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
