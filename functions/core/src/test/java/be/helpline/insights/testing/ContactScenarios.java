package be.helpline.insights.testing;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic sets of contacts for the disclosure and report tests, and for the same scenario
 * sent through the HTTP API: the same seed gives the same contacts.
 */
public final class ContactScenarios {
  /** The figures the Flemish 2020 scenario reproduces (the helpline's published year figures). */
  public static final int FLEMISH_CONTACTS = 1500;

  public static final int FLEMISH_REFERRALS = 195;
  public static final int FLEMISH_REFERRALS_SELF = 127;
  public static final int FLEMISH_MALE = 866;
  public static final int FLEMISH_FEMALE = 474;
  public static final int FLEMISH_X = 49;
  public static final int FLEMISH_FEMALE_SELF = 34;
  public static final int FLEMISH_FEMALE_RELATIVE = 261;
  public static final int FLEMISH_ARRIVED = 156;

  private static final Vocabulary VOCABULARY = Vocabulary.standard();

  private ContactScenarios() {}

  /**
   * About 1,500 contacts in 2020 modelled on the Flemish figures: 195 referrals (13%), 127 of them
   * self-concerned; 866 male, 474 female, 49 X, the rest unknown; 34 female self-concerned and 261
   * female relatives; 156 of the referrals (80%) arrived, the others did not.
   */
  public static List<ContactFacts> flemish2020(long seed) {
    Random random = new Random(seed);
    List<String[]> people = new ArrayList<>();
    addPeople(people, "MALE", 600, 150, 80, 36);
    addPeople(people, "FEMALE", FLEMISH_FEMALE_SELF, FLEMISH_FEMALE_RELATIVE, 120, 59);
    addPeople(people, "X", 30, 10, 5, 4);
    addPeople(people, "UNKNOWN", 40, 40, 20, 11);
    Collections.shuffle(people, random);
    List<Integer> self = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      (people.get(i)[1].equals("SELF") ? self : others).add(i);
    }
    boolean[] referred = new boolean[people.size()];
    self.subList(0, FLEMISH_REFERRALS_SELF).forEach(i -> referred[i] = true);
    others.subList(0, FLEMISH_REFERRALS - FLEMISH_REFERRALS_SELF).forEach(i -> referred[i] = true);
    List<ContactFacts> facts = new ArrayList<>();
    int referrals = 0;
    for (int i = 0; i < people.size(); i++) {
      String outcome = null;
      if (referred[i]) {
        outcome = referrals++ < FLEMISH_ARRIVED ? "ARRIVED" : "NOT_ARRIVED";
      }
      LocalDate date = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(366));
      facts.add(contact(random, date, people.get(i)[1], people.get(i)[0], referred[i], outcome));
    }
    return facts;
  }

  private static void addPeople(
      List<String[]> people, String gender, int self, int relative, int professional, int other) {
    int[] counts = {self, relative, professional, other};
    String[] groups = {"SELF", "RELATIVE", "PROFESSIONAL", "OTHER"};
    for (int g = 0; g < groups.length; g++) {
      for (int i = 0; i < counts[g]; i++) {
        people.add(new String[] {gender, groups[g]});
      }
    }
  }

  /**
   * {@code n} contacts spread over {@code months} months from {@code first}, with skewed code
   * frequencies so that small cells (and zeros) occur; about one in eight is referred.
   */
  public static List<ContactFacts> random(long seed, int n, YearMonth first, int months) {
    Random random = new Random(seed);
    List<ContactFacts> facts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      YearMonth month = first.plusMonths(random.nextInt(months));
      LocalDate date = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
      String callerGroup = skewed(random, "callerGroup");
      String gender = skewed(random, "gender");
      boolean referred = random.nextInt(8) == 0;
      String outcome =
          referred
              ? List.of("ARRIVED", "ARRIVED", "ARRIVED", "NOT_ARRIVED").get(random.nextInt(4))
              : null;
      facts.add(contact(random, date, callerGroup, gender, referred, outcome));
    }
    return facts;
  }

  private static ContactFacts contact(
      Random random,
      LocalDate date,
      String callerGroup,
      String gender,
      boolean referred,
      String outcome) {
    return new ContactFacts(
        date,
        skewed(random, "channel"),
        callerGroup,
        gender,
        skewed(random, "ageBand"),
        skewed(random, "howHeard"),
        skewed(random, "firstContact"),
        skewed(random, "risk"),
        "SELF".equals(callerGroup) ? skewed(random, "pastOffences") : "UNKNOWN",
        Set.of(),
        referred
            ? new ContactFacts.Referral(
                skewed(random, "referral.centreType"), skewed(random, "referral.region"), outcome)
            : null);
  }

  /** A code of the field, the first codes far more often than the last (halving weights). */
  private static String skewed(Random random, String field) {
    List<String> codes = VOCABULARY.codes(field);
    double u = random.nextDouble();
    double weight = 0.5;
    for (String code : codes) {
      if (u < weight) {
        return code;
      }
      u -= weight;
      weight /= 2;
    }
    return codes.getLast();
  }
}
