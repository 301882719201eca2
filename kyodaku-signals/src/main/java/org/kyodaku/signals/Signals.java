package org.kyodaku.signals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one or more signals say: a {@link Preference} for every {@link Category}, and the evidence
 * behind it.
 *
 * <p>Built from a standard's own statements by {@link #of}, which applies the category nesting:
 * first <em>inheritance</em> (a category without a statement takes its nearest ancestor's), then
 * <em>containment</em> (a category that contains a disallowed one is disallowed: the whole cannot
 * be cleared while a part is reserved). Standards are combined by {@link #mostRestrictive}.
 *
 * @param verdicts one preference per category, every category present
 * @param evidence every statement read, in reading order, failures included
 */
public record Signals(Map<Category, Preference> verdicts, List<Evidence> evidence) {

  public Signals {
    EnumMap<Category, Preference> copy = new EnumMap<>(Category.class);
    copy.putAll(verdicts);
    for (Category c : Category.values()) {
      if (!copy.containsKey(c)) {
        throw new IllegalArgumentException("verdicts lack category " + c + ": " + verdicts);
      }
    }
    verdicts = Map.copyOf(copy);
    evidence = List.copyOf(evidence);
  }

  /** No statement at all: every category {@code unknown}. */
  public static Signals none() {
    return of(Map.of(), List.of());
  }

  /** Nothing said, but the evidence is kept (e.g. a document that failed to parse). */
  public static Signals unknown(List<Evidence> evidence) {
    return of(Map.of(), evidence);
  }

  /**
   * The signals of one standard, from the statements it made directly; categories without a
   * statement may be absent from {@code statements} or map to {@code unknown}.
   */
  public static Signals of(Map<Category, Preference> statements, List<Evidence> evidence) {
    EnumMap<Category, Preference> out = new EnumMap<>(Category.class);
    // Declaration order lists every parent before its children.
    for (Category c : Category.values()) {
      Preference own = statements.getOrDefault(c, Preference.UNKNOWN);
      if (own == Preference.UNKNOWN && c.parent().isPresent()) {
        own = out.get(c.parent().get());
      }
      out.put(c, own);
    }
    Category[] all = Category.values();
    for (int i = all.length - 1; i >= 0; i--) {
      Category c = all[i];
      if (out.get(c) == Preference.DISALLOWED && c.parent().isPresent()) {
        out.put(c.parent().get(), Preference.DISALLOWED);
      }
    }
    return new Signals(out, evidence);
  }

  /**
   * Combines different standards (or different documents): per category, any {@code disallowed}
   * wins, else any {@code allowed}, else {@code unknown} (the aipref combination rule, applied
   * across standards). Evidence is concatenated in order.
   */
  public static Signals mostRestrictive(Collection<Signals> all) {
    EnumMap<Category, Preference> out = new EnumMap<>(Category.class);
    List<Evidence> evidence = new ArrayList<>();
    for (Category c : Category.values()) {
      out.put(c, Preference.UNKNOWN);
    }
    for (Signals s : all) {
      for (Category c : Category.values()) {
        out.put(c, out.get(c).restrict(s.get(c)));
      }
      evidence.addAll(s.evidence());
    }
    return new Signals(out, evidence);
  }

  /** The combination of this and {@code other} by {@link #mostRestrictive}. */
  public Signals and(Signals other) {
    return mostRestrictive(List.of(this, other));
  }

  /** The preference for one category. */
  public Preference get(Category category) {
    return verdicts.get(category);
  }

  /** Whether any evidence records a read failure. */
  public boolean anyFailure() {
    return evidence.stream().anyMatch(Evidence::failed);
  }
}
