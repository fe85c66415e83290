package be.helpline.insights.local;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.UUID;

/** Registration bodies for the end-to-end tests. */
final class RegistrationBodies {
  private RegistrationBodies() {}

  /** The registration body a responder's form sends for these facts. */
  static ObjectNode of(ContactFacts contact, UUID id) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("id", id.toString());
    body.put("contactDate", contact.contactDate().toString());
    body.put("channel", contact.channel());
    body.put("callerGroup", contact.callerGroup());
    if (contact.callerGroup().equals("SELF")) {
      body.putArray("selfConcern").add("FEELINGS");
    }
    body.putArray("topics");
    body.put("pastOffences", contact.pastOffences());
    body.put("risk", contact.risk());
    body.putArray("support").add("ADVICE");
    if (contact.referred()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("support")).add("REFERRAL");
      body.putObject("referral")
          .put("centreType", contact.referral().centreType())
          .put("region", contact.referral().region());
    }
    body.put("gender", contact.gender());
    body.put("ageBand", contact.ageBand());
    body.put("howHeard", contact.howHeard());
    body.put("firstContact", contact.firstContact());
    return body;
  }

  /** The same contact on another day, of another gender, with another referral (or none). */
  static ContactFacts copy(
      ContactFacts c, LocalDate date, String gender, ContactFacts.Referral referral) {
    return new ContactFacts(
        date,
        c.channel(),
        c.callerGroup(),
        gender,
        c.ageBand(),
        c.howHeard(),
        c.firstContact(),
        c.risk(),
        c.pastOffences(),
        c.topics(),
        referral);
  }
}
