package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.ContactScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SPEC privacy rule 10, played as the intruder of issue 15: a treatment centre's file gives the
 * referral codes, and the intruder reads every item of every table (an operator, a backup, an
 * export), but has no use of ReferralCodeKey. After registrations with referrals, amendments that
 * keep, add and drop a referral, voids, retried POSTs and outcomes, through the local API: no item
 * but the code's own referral item holds a code, in the clear or as a hash or encoding of it; the
 * referral item names no registration and no day, and its expiry is its month's.
 */
class ReferralCodeIntruderIT {
  private static final List<String> LOG = new CopyOnWriteArrayList<>();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension(LOG::add);

  private static RunnerHttp api() {
    return LOCAL.http();
  }

  private record Registered(String id, String code, ContactFacts contact) {}

  @Test
  void aCentresCodes_andEveryStoredItem_leadToNoRegistration() throws Exception {
    api().setClock("2026-06-01T10:00:00Z");
    String responder = "Bearer " + api().token("responder");
    String centre = "Bearer " + api().token("centre");
    String coordinator = "Bearer " + api().token("coordinator");
    List<ContactFacts> facts = ContactScenarios.random(10, 40, YearMonth.of(2026, 5), 1);
    List<Registered> registered = new ArrayList<>();
    Set<String> codes = new LinkedHashSet<>();
    for (int i = 0; i < facts.size(); i++) {
      // Days of the last three weeks of May: every one still open to amendments on 1 June.
      ContactFacts dated = onDay(facts.get(i), java.time.LocalDate.of(2026, 5, 12 + i % 20));
      ContactFacts contact = i % 2 == 0 ? referred(dated) : unreferred(dated);
      String id = UUID.randomUUID().toString();
      JsonNode body = RegistrationBodies.of(contact, UUID.fromString(id));
      JsonNode answer = post(body, responder);
      if (i % 10 == 0) {
        assertThat(post(body, responder)).as("a retried POST answers alike").isEqualTo(answer);
      }
      String code = answer.path("referralCode").asText(null);
      assertThat(code != null).isEqualTo(contact.referred());
      if (code != null) {
        codes.add(code);
      }
      registered.add(new Registered(id, code, contact));
    }
    for (int i = 0; i < registered.size(); i++) {
      Registered r = registered.get(i);
      switch (i % 8) {
        case 0 -> amend(r, unreferred(r.contact()), responder); // drops the referral
        case 1 -> codes.add(amend(r, referred(r.contact()), responder)); // adds one
        case 2 -> amend(r, otherGender(r.contact()), responder); // keeps it
        case 4 ->
            assertThat(
                    api()
                        .send(api().request("/v1/registrations/" + r.id(), coordinator).DELETE())
                        .statusCode())
                .isEqualTo(204);
        case 6 -> outcome(r.code(), "ARRIVED", centre);
        default -> {}
      }
    }
    api().aggregate("{}");
    assertThat(codes).hasSizeGreaterThan(20);

    Emulator emulator = Emulator.at(LOCAL.runner().emulator());
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (String table : emulator.dynamoDb().listTables().tableNames()) {
      emulator.dynamoDb().scanPaginator(scan -> scan.tableName(table)).items().forEach(items::add);
    }
    int referralItems = 0;
    for (Map<String, AttributeValue> item : items) {
      String pk = item.get("pk").s();
      String text = item.toString();
      if (pk.startsWith("referral#")) {
        referralItems++;
        assertThat(item.keySet())
            .isSubsetOf("pk", "sk", "month", "expiresAt", "outcome", "retired");
        YearMonth month = YearMonth.parse(item.get("month").s());
        long expected =
            month.atEndOfMonth().plusDays(3650).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expected));
        for (Registered r : registered) {
          assertThat(text).doesNotContain(r.id(), r.contact().contactDate().toString());
        }
        text = text.replace(pk, "");
      }
      for (String code : codes) {
        for (String form : forms(code)) {
          assertThat(text).as("an item holding a form of a code").doesNotContain(form);
        }
      }
    }
    assertThat(referralItems).isEqualTo(codes.size());
    String logs = String.join("\n", LOG);
    for (String code : codes) {
      assertThat(logs).doesNotContain(code);
    }
  }

  /** The code and what an intruder would try: without its dash, lower case, hashes, encodings. */
  private static Set<String> forms(String code) throws Exception {
    Set<String> plain = Set.of(code, code.replace("-", ""));
    Set<String> forms = new LinkedHashSet<>();
    for (String p : plain) {
      for (String variant : List.of(p, p.toLowerCase(Locale.ROOT))) {
        byte[] bytes = variant.getBytes(StandardCharsets.UTF_8);
        forms.add(variant);
        forms.add(Base64.getEncoder().encodeToString(bytes).replace("=", ""));
        forms.add(HexFormat.of().formatHex(bytes));
        for (String algorithm : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
          byte[] digest = MessageDigest.getInstance(algorithm).digest(bytes);
          forms.add(HexFormat.of().formatHex(digest));
          forms.add(HexFormat.of().withUpperCase().formatHex(digest));
          forms.add(Base64.getEncoder().encodeToString(digest).replace("=", ""));
        }
      }
    }
    return forms;
  }

  private static JsonNode post(JsonNode body, String responder) throws Exception {
    HttpResponse<String> answer = api().register(body, responder);
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
    return Json.mapper().readTree(answer.body());
  }

  /** Amends and answers the code the amendment issued (null when none). */
  private static String amend(Registered r, ContactFacts amended, String responder)
      throws Exception {
    HttpResponse<String> answer =
        api().amend(r.id(), RegistrationBodies.of(amended, UUID.fromString(r.id())), responder);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Json.mapper().readTree(answer.body()).path("referralCode").asText(null);
  }

  private static void outcome(String code, String outcome, String centre) throws Exception {
    if (code == null) {
      return;
    }
    HttpResponse<String> answer =
        api()
            .send(
                api()
                    .request("/v1/referrals/" + code + "/outcome", centre)
                    .PUT(BodyPublishers.ofString("{\"outcome\": \"" + outcome + "\"}")));
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
  }

  private static ContactFacts referred(ContactFacts c) {
    return with(c, c.gender(), new ContactFacts.Referral("CGG", "ANTWERPEN", null));
  }

  private static ContactFacts unreferred(ContactFacts c) {
    return with(c, c.gender(), null);
  }

  private static ContactFacts otherGender(ContactFacts c) {
    return with(c, c.gender().equals("MALE") ? "FEMALE" : "MALE", c.referral());
  }

  private static ContactFacts onDay(ContactFacts c, java.time.LocalDate day) {
    return RegistrationBodies.copy(c, day, c.gender(), c.referral());
  }

  private static ContactFacts with(ContactFacts c, String gender, ContactFacts.Referral referral) {
    return RegistrationBodies.copy(c, c.contactDate(), gender, referral);
  }
}
