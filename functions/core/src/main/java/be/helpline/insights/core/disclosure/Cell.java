package be.helpline.insights.core.disclosure;

/**
 * One figure as published: a count (rounded under round5), or no count and the reason.
 *
 * @param count the published count, {@code null} when suppressed
 * @param suppressed why it is suppressed, {@code null} when published
 */
public record Cell(Long count, Suppression suppressed) {

  public Cell {
    if ((count == null) == (suppressed == null)) {
      throw new IllegalArgumentException("a cell has a count or a suppression, not both");
    }
  }

  public static Cell published(long count) {
    return new Cell(count, null);
  }

  public static Cell suppressed(Suppression why) {
    return new Cell(null, why);
  }

  public boolean isSuppressed() {
    return suppressed != null;
  }
}
