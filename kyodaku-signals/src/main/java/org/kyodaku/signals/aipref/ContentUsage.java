package org.kyodaku.signals.aipref;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.sf.BareItem;
import org.kyodaku.signals.sf.Member;
import org.kyodaku.signals.sf.StructuredFieldException;
import org.kyodaku.signals.sf.StructuredFields;

/**
 * Reads and writes an aipref usage-preference string such as {@code train-ai=n, search=y}.
 *
 * <p><b>Reading</b> (vocab-07 §5, §6). The value is parsed as an RFC 9651 Dictionary. For every
 * known label the member's value is taken with its parameters ignored: Token {@code y} is allowed,
 * Token {@code n} disallowed; anything else (a bare key, i.e. Boolean true, a String {@code "n"},
 * another token, an inner list) states nothing. Unknown keys are ignored. Duplicate keys: the last
 * value wins (RFC 9651). A value that is not a valid Dictionary states nothing at all (all unknown)
 * and is recorded as failed evidence: aipref's failure rule is "unknown", never "allowed".
 *
 * <p><b>Labels</b> (docs/signals.md; shared/research/signals.md §2.1, §9.1). vocab-07 {@code
 * train-ai} is generative training, our {@code train-genai}; {@code search} is {@code search}.
 * Labels of the 2025 drafts are still recognised: {@code tdm}, {@code all}, {@code bots} mean
 * {@code tdm}; {@code ai} means {@code train-ai}; {@code train-genai} and {@code genai} mean {@code
 * train-genai}; {@code ai-use}, {@code inference} and {@code ai-output} mean {@code ai-use}. When
 * two labels land on one category the more restrictive statement wins (vocab §7).
 *
 * <p><b>Writing.</b> Only the two vocab-07 labels are written, {@code train-ai} then {@code
 * search}, each {@code y} or {@code n}.
 */
public final class ContentUsage {
  private static final Map<String, Category> LABELS =
      Map.ofEntries(
          Map.entry("train-ai", Category.TRAIN_GENAI),
          Map.entry("search", Category.SEARCH),
          Map.entry("tdm", Category.TDM),
          Map.entry("all", Category.TDM),
          Map.entry("bots", Category.TDM),
          Map.entry("ai", Category.TRAIN_AI),
          Map.entry("train-genai", Category.TRAIN_GENAI),
          Map.entry("genai", Category.TRAIN_GENAI),
          Map.entry("ai-use", Category.AI_USE),
          Map.entry("inference", Category.AI_USE),
          Map.entry("ai-output", Category.AI_USE));

  private ContentUsage() {}

  /**
   * The statements of one usage-preference string, before category nesting; empty when it does not
   * parse.
   *
   * @throws StructuredFieldException when the value is not an RFC 9651 Dictionary
   */
  public static Map<Category, Preference> statements(String value) {
    SequencedMap<String, Member> dict = StructuredFields.parseDictionary(value);
    EnumMap<Category, Preference> out = new EnumMap<>(Category.class);
    for (Map.Entry<String, Member> e : dict.entrySet()) {
      Category c = LABELS.get(e.getKey());
      if (c == null || !(e.getValue() instanceof Member.Item item)) {
        continue;
      }
      Preference p = Preference.UNKNOWN;
      if (item.value() instanceof BareItem.Token t) {
        if (t.value().equals("y")) {
          p = Preference.ALLOWED;
        } else if (t.value().equals("n")) {
          p = Preference.DISALLOWED;
        }
      }
      if (p != Preference.UNKNOWN) {
        out.merge(c, p, Preference::restrict);
      }
    }
    return out;
  }

  /**
   * Reads one usage-preference string into signals with one evidence entry; never throws on bad
   * syntax (the evidence records the error).
   */
  public static Signals read(String value, String source, String position) {
    Evidence e = statement(value, source, position);
    return Signals.of(e.says(), List.of(e));
  }

  /** The evidence for one usage-preference string: its statements, or the parse error. */
  public static Evidence statement(String value, String source, String position) {
    try {
      return Evidence.of(Standard.AIPREF, source, position, value, statements(value));
    } catch (StructuredFieldException e) {
      return Evidence.failure(Standard.AIPREF, source, position, value, Map.of(), e.getMessage());
    }
  }

  /** Writes the vocab-07 preference string: {@code train-ai=y|n, search=y|n}. */
  public static String write(boolean trainGenai, boolean search) {
    SequencedMap<String, Member> dict = new LinkedHashMap<>();
    dict.put("train-ai", Member.Item.of(new BareItem.Token(trainGenai ? "y" : "n")));
    dict.put("search", Member.Item.of(new BareItem.Token(search ? "y" : "n")));
    return StructuredFields.serializeDictionary(dict);
  }
}
