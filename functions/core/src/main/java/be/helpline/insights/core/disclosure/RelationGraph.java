package be.helpline.insights.core.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * A tabulation's relations seen as a graph: the relations each figure takes part in, the figures
 * near one, and the components that relations link. Built once per tabulation and never changed, so
 * the audit, the protection search and the structural suppression share one.
 */
final class RelationGraph {
  private final Tabulation tabulation;
  private final List<Tabulation.Relation> relations;
  private final int[][] relationsOf;

  RelationGraph(Tabulation tabulation) {
    this.tabulation = tabulation;
    this.relations = List.copyOf(tabulation.relations());
    List<List<Integer>> of = new ArrayList<>();
    for (int i = 0; i < tabulation.size(); i++) {
      of.add(new ArrayList<>());
    }
    for (int r = 0; r < relations.size(); r++) {
      for (int member : relations.get(r).members()) {
        of.get(member).add(r);
      }
    }
    relationsOf = new int[of.size()][];
    for (int i = 0; i < of.size(); i++) {
      relationsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  Tabulation tabulation() {
    return tabulation;
  }

  /** The number of figures and hidden quantities. */
  int size() {
    return relationsOf.length;
  }

  List<Tabulation.Relation> relations() {
    return relations;
  }

  Tabulation.Relation relation(int r) {
    return relations.get(r);
  }

  /**
   * The relations figure {@code i} takes part in, by their index in {@link #relations}. The array
   * is the graph's own (not copied: the searches call this in their inner loops); never change it.
   */
  int[] relationsOf(int i) {
    return relationsOf[i];
  }

  /** Whether the point lies within every bound and satisfies every relation. */
  boolean satisfies(long[] point, double[] lo, double[] hi) {
    if (point.length != lo.length) {
      return false;
    }
    for (int i = 0; i < point.length; i++) {
      if (point[i] < lo[i] || point[i] > hi[i]) {
        return false;
      }
    }
    for (Tabulation.Relation relation : relations) {
      long parts = 0;
      for (int part : relation.parts()) {
        parts += point[part];
      }
      long whole = point[relation.whole()];
      if (relation.equality() ? parts != whole : parts > whole) {
        return false;
      }
    }
    return true;
  }

  /**
   * The figures for which {@code free} holds within {@code depth} relations of the target (reached
   * through free figures only), at most {@code limit}, the target first and then ring by ring.
   */
  List<Integer> near(int target, IntPredicate free, int depth, int limit) {
    LinkedHashSet<Integer> near = new LinkedHashSet<>();
    near.add(target);
    List<Integer> ring = List.of(target);
    for (int d = 0; d < depth && !ring.isEmpty(); d++) {
      List<Integer> next = new ArrayList<>();
      for (int index : ring) {
        for (int r : relationsOf[index]) {
          for (int member : relations.get(r).members()) {
            if (free.test(member) && near.size() < limit && near.add(member)) {
              next.add(member);
            }
          }
        }
      }
      ring = next;
    }
    return List.copyOf(near);
  }

  /**
   * The figures for which {@code movable} holds nearest the seeds, at most {@code limit}, the seeds
   * first, where a step through a sum costs its size: the chain of a month's figure up through its
   * quarter, year and all-time (sums of 3, 4 and a few) comes before the wide tables.
   */
  List<Integer> nearest(List<Integer> seeds, IntPredicate movable, int limit) {
    Map<Integer, Integer> distance = new HashMap<>();
    PriorityQueue<int[]> queue =
        new PriorityQueue<>((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] - b[1]);
    for (int seed : seeds) {
      distance.put(seed, 0);
      queue.add(new int[] {0, seed});
    }
    LinkedHashSet<Integer> seen = new LinkedHashSet<>();
    while (!queue.isEmpty() && seen.size() < limit) {
      int[] head = queue.poll();
      int figure = head[1];
      if (head[0] > distance.get(figure) || !seen.add(figure)) {
        continue;
      }
      for (int r : relationsOf[figure]) {
        int[] members = relations.get(r).members();
        for (int member : members) {
          int d = head[0] + members.length;
          if (movable.test(member) && d < distance.getOrDefault(member, Integer.MAX_VALUE)) {
            distance.put(member, d);
            queue.add(new int[] {d, member});
          }
        }
      }
    }
    return List.copyOf(seen);
  }

  /**
   * The components of the figures for which {@code linked} holds, two of them joined when they
   * share a relation; every other figure is a component of its own.
   */
  Components components(IntPredicate linked) {
    Components components = new Components(size());
    for (Tabulation.Relation relation : relations) {
      int first = -1;
      for (int member : relation.members()) {
        if (!linked.test(member)) {
          continue;
        }
        if (first < 0) {
          first = member;
        } else {
          components.join(first, member);
        }
      }
    }
    return components;
  }

  /** Union-find over figures: {@link #root} names a figure's component by its smallest member. */
  static final class Components {
    private final int[] parent;

    private Components(int size) {
      parent = new int[size];
      for (int i = 0; i < size; i++) {
        parent[i] = i;
      }
    }

    int root(int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    private void join(int a, int b) {
      int ra = root(a);
      int rb = root(b);
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
