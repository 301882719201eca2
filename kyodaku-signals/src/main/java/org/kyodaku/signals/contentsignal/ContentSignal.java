package org.kyodaku.signals.contentsignal;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Standard;

/**
 * Reads and writes a Content-Signal value such as {@code search=yes, ai-train=no}.
 *
 * <p><b>Syntax</b> (contentsignals.org). Comma-separated {@code name=value} pairs; names and values
 * case-insensitive, spaces around them ignored. Signals: {@code search} (search index, links and
 * snippets, no AI summaries) is our {@code search}; {@code ai-input} (live input to AI answers: RAG,
 * grounding) is our {@code ai-use}; {@code ai-train} (training or fine-tuning models) is our {@code
 * train-ai}. {@code yes} is allowed, {@code no} disallowed. An omitted signal states nothing.
 *
 * <p><b>Failures.</b> The policy defines no error handling; we read every well-formed pair and
 * record each malformed pair (no {@code =}, unknown value) as a failed statement that says nothing,
 * so a malformed line can only lose statements, never gain an allowance. Unknown names are
 * ignored. Repeated names: the more restrictive value wins.
 */
public final class ContentSignal {
  private ContentSignal() {}

  /** Reads one Content-Signal value into one evidence entry; never throws. */
  public static Evidence read(String value, String source, String position) {
    EnumMap<Category, Preference> says = new EnumMap<>(Category.class);
    StringJoiner errors = new StringJoiner("; ");
    for (String pair : value.split(",", -1)) {
      if (pair.isBlank() && value.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        errors.add("pair \"" + pair.strip() + "\" has no '='");
        continue;
      }
      String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = pair.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      Category c =
          switch (name) {
            case "search" -> Category.SEARCH;
            case "ai-input" -> Category.AI_USE;
            case "ai-train" -> Category.TRAIN_AI;
            default -> null;
          };
      if (c == null) {
        continue;
      }
      Preference p =
          switch (v) {
            case "yes" -> Preference.ALLOWED;
            case "no" -> Preference.DISALLOWED;
            default -> null;
          };
      if (p == null) {
        errors.add("signal " + name + " has value \"" + v + "\", not yes or no");
        continue;
      }
      says.merge(c, p, Preference::restrict);
    }
    if (errors.length() > 0) {
      // Keep only the restrictions: a partly malformed line never allows.
      says.values().removeIf(p -> p == Preference.ALLOWED);
      return Evidence.failure(
          Standard.CONTENT_SIGNALS, source, position, value, says, errors.toString());
    }
    return Evidence.of(Standard.CONTENT_SIGNALS, source, position, value, says);
  }

  /**
   * Writes a Content-Signal value; a null-free map from our categories {@code search}, {@code
   * ai-use} and {@code train-ai} to allowed or disallowed; other entries are not expressible and
   * are skipped.
   */
  public static String write(Map<Category, Boolean> signals) {
    StringJoiner out = new StringJoiner(", ");
    for (Category c : List.of(Category.SEARCH, Category.AI_USE, Category.TRAIN_AI)) {
      Boolean v = signals.get(c);
      if (v != null) {
        String name = c == Category.SEARCH ? "search" : c == Category.AI_USE ? "ai-input" : "ai-train";
        out.add(name + "=" + (v ? "yes" : "no"));
      }
    }
    return out.toString();
  }
}
