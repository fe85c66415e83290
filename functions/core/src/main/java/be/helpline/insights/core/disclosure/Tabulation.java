package be.helpline.insights.core.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a family of linked tables, as an intruder sees it: every published figure
 * (identified by a stable id), every quantity that exists but is never published (for example a
 * cross-table cell of one month, when cross tables are published per quarter), and the linear
 * relations between them (a total is the sum of its parts; a part is at most its whole). It holds
 * no counts: the same structure serves the suppression, which knows the true counts, and the audit,
 * which knows only what was published.
 */
public final class Tabulation {
  /** A sum relation {@code whole = sum(parts)} or an inequality {@code part <= whole}. */
  record Relation(int whole, int[] parts, boolean equality) {
    /** The parts and then the whole. */
    int[] members() {
      int[] members = java.util.Arrays.copyOf(parts, parts.length + 1);
      members[parts.length] = whole;
      return members;
    }
  }

  private final List<String> ids = new ArrayList<>();
  private final List<Boolean> hidden = new ArrayList<>();
  private final List<Double> weights = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Map<String, List<Integer>> lineMembers = new HashMap<>();
  private final Map<String, Integer> byId = new HashMap<>();
  private final List<Relation> relations = new ArrayList<>();

  /** Adds a published figure and returns its index; ids are unique. */
  public int figure(String id) {
    return figure(id, 1);
  }

  /**
   * Adds a published figure whose loss weighs {@code weight} times its count when secondary
   * suppression chooses what to hide (a year's figure is worth more to readers than a month's).
   */
  public int figure(String id, double weight) {
    return add(id, false, weight);
  }

  /**
   * Adds a published figure on a line: the same table and code in every period (for example the
   * gender table's code X in every month, quarter, year and all-time). Protection moves rare codes
   * along their line.
   */
  public int figure(String id, double weight, String line) {
    int index = add(id, false, weight);
    lines.set(index, line);
    lineMembers.computeIfAbsent(line, l -> new ArrayList<>()).add(index);
    return index;
  }

  /** Adds a quantity that is never published (it links published figures). */
  public int hidden(String id) {
    return add(id, true, 0);
  }

  private int add(String id, boolean isHidden, double weight) {
    if (byId.putIfAbsent(id, ids.size()) != null) {
      throw new IllegalArgumentException("listed twice: " + id);
    }
    ids.add(id);
    hidden.add(isHidden);
    weights.add(weight);
    lines.add(null);
    return ids.size() - 1;
  }

  /** States that {@code whole} is the sum of {@code parts}. */
  public void sum(int whole, List<Integer> parts) {
    relations.add(new Relation(whole, parts.stream().mapToInt(Integer::intValue).toArray(), true));
  }

  /** States that {@code part} never exceeds {@code whole} (a subset's count). */
  public void atMost(int part, int whole) {
    relations.add(new Relation(whole, new int[] {part}, false));
  }

  /** Whether the tabulation holds a figure or hidden quantity with this id. */
  public boolean has(String id) {
    return byId.containsKey(id);
  }

  /** The index of a figure or hidden quantity by its id. */
  public int index(String id) {
    Integer index = byId.get(id);
    if (index == null) {
      throw new IllegalArgumentException("no figure " + id);
    }
    return index;
  }

  public int size() {
    return ids.size();
  }

  public String id(int index) {
    return ids.get(index);
  }

  public boolean isHidden(int index) {
    return hidden.get(index);
  }

  /** The line of a figure, or null. */
  public String line(int index) {
    return lines.get(index);
  }

  /** The figures on a line, in the order they were added. */
  public List<Integer> lineMembers(String line) {
    return lineMembers.getOrDefault(line, List.of());
  }

  /** The weight of a figure's loss per unit of count. */
  public double weight(int index) {
    return weights.get(index);
  }

  List<Relation> relations() {
    return relations;
  }
}
