package org.kyodaku.signals.xmp;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.publish.GrantRecord;

/**
 * The PLUS "Data Mining" controlled vocabulary used by IPTC {@code plus:DataMining} (IPTC Photo
 * Metadata 2023.1 and later; codes as listed by the PLUS LDF and ExifTool {@code PLUS.pm}).
 *
 * <p>What each value says, per our category (research/signals.md section 4.1 and 9.1):
 *
 * <ul>
 *   <li>{@code DMI-UNSPECIFIED}: nothing.
 *   <li>{@code DMI-ALLOWED}: {@code tdm} allowed (so every AI use, by inheritance).
 *   <li>{@code DMI-PROHIBITED-AIMLTRAINING}: {@code train-ai} disallowed; {@code ai-use} and {@code
 *       search} allowed ("other mining allowed").
 *   <li>{@code DMI-PROHIBITED-GENAIMLTRAINING}: {@code train-genai} disallowed; {@code ai-use} and
 *       {@code search} allowed. Non-generative training is not reserved, but our {@code train-ai}
 *       contains generative training and so reads disallowed.
 *   <li>{@code DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING}: {@code train-ai} and {@code ai-use}
 *       disallowed, {@code search} allowed.
 *   <li>{@code DMI-PROHIBITED} and the three {@code DMI-PROHIBITED-SEE*} values: {@code tdm}
 *       disallowed. The constraint or rights expression they point to is reported as evidence,
 *       never read as an allowance.
 * </ul>
 */
public enum DataMining {
  /** No prohibition defined. */
  UNSPECIFIED("DMI-UNSPECIFIED"),
  /** Allowed. */
  ALLOWED("DMI-ALLOWED"),
  /** Prohibited for AI/ML training (all models). */
  PROHIBITED_AIML_TRAINING("DMI-PROHIBITED-AIMLTRAINING"),
  /** Prohibited for generative AI/ML training. */
  PROHIBITED_GENAIML_TRAINING("DMI-PROHIBITED-GENAIMLTRAINING"),
  /** Prohibited except for search engine indexing. */
  PROHIBITED_EXCEPT_SEARCH("DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING"),
  /** Prohibited. */
  PROHIBITED("DMI-PROHIBITED"),
  /** Prohibited, see {@code plus:OtherConstraints}. */
  PROHIBITED_SEE_CONSTRAINT("DMI-PROHIBITED-SEECONSTRAINT"),
  /** Prohibited, see {@code Iptc4xmpExt:EmbdEncRightsExpr}. */
  PROHIBITED_SEE_EMBEDDED_RIGHTS("DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR"),
  /** Prohibited, see {@code Iptc4xmpExt:LinkedEncRightsExpr}. */
  PROHIBITED_SEE_LINKED_RIGHTS("DMI-PROHIBITED-SEELINKEDRIGHTSEXPR");

  /** The vocabulary's URI prefix; the full URI is what XMP stores. */
  public static final String VOCABULARY = "http://ns.useplus.org/ldf/vocab/";

  private final String code;

  DataMining(String code) {
    this.code = code;
  }

  /** The code, e.g. {@code DMI-PROHIBITED}. */
  public String code() {
    return code;
  }

  /** The full URI written to {@code plus:DataMining}. */
  public String uri() {
    return VOCABULARY + code;
  }

  /**
   * The value for a stored string: the full URI or the bare code, compared ignoring case and
   * surrounding space (some tools write {@code DMI-Allowed}); empty when it is neither.
   */
  public static Optional<DataMining> parse(String value) {
    String v = value.strip();
    if (v.regionMatches(true, 0, VOCABULARY, 0, VOCABULARY.length())) {
      v = v.substring(VOCABULARY.length());
    }
    String wanted = v.toUpperCase(Locale.ROOT);
    for (DataMining d : values()) {
      if (d.code.equals(wanted)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** What this value says directly, per category (see the class comment). */
  public Map<Category, Preference> says() {
    Map<Category, Preference> m = new EnumMap<>(Category.class);
    switch (this) {
      case UNSPECIFIED -> {}
      case ALLOWED -> m.put(Category.TDM, Preference.ALLOWED);
      case PROHIBITED_AIML_TRAINING -> {
        m.put(Category.TRAIN_AI, Preference.DISALLOWED);
        m.put(Category.AI_USE, Preference.ALLOWED);
        m.put(Category.SEARCH, Preference.ALLOWED);
      }
      case PROHIBITED_GENAIML_TRAINING -> {
        m.put(Category.TRAIN_GENAI, Preference.DISALLOWED);
        m.put(Category.AI_USE, Preference.ALLOWED);
        m.put(Category.SEARCH, Preference.ALLOWED);
      }
      case PROHIBITED_EXCEPT_SEARCH -> {
        m.put(Category.TRAIN_AI, Preference.DISALLOWED);
        m.put(Category.AI_USE, Preference.DISALLOWED);
        m.put(Category.SEARCH, Preference.ALLOWED);
      }
      case PROHIBITED, PROHIBITED_SEE_CONSTRAINT, PROHIBITED_SEE_EMBEDDED_RIGHTS,
          PROHIBITED_SEE_LINKED_RIGHTS ->
          m.put(Category.TDM, Preference.DISALLOWED);
    }
    return m;
  }

  /**
   * The value to write for {@code record}, by {@code SignalWriter}'s rule: a use reads allowed only
   * when granted to everyone. The three values that express a grant exactly are used where they
   * fit (every use granted: {@code ALLOWED}; search and AI use but no training: {@code
   * PROHIBITED-AIMLTRAINING}; search only: {@code PROHIBITED-EXCEPTSEARCHENGINEINDEXING}); every
   * other record, including one that grants nothing, gets {@code PROHIBITED-SEECONSTRAINT} with
   * {@code plus:OtherConstraints} naming the public grants and the licence-request page. That errs
   * on the creator's side: a record granting, say, only generative training to everyone reads as
   * all reserved (IPTC has no value for it).
   */
  public static DataMining of(GrantRecord record) {
    Optional<String> everyone = Optional.empty();
    boolean genai = record.granted(Category.TRAIN_GENAI, everyone);
    boolean aiUse = record.granted(Category.AI_USE, everyone);
    boolean search = record.granted(Category.SEARCH, everyone);
    if (record.granted(Category.TDM, everyone)) {
      return ALLOWED;
    }
    if (!genai && aiUse && search) {
      return PROHIBITED_AIML_TRAINING;
    }
    if (!genai && !aiUse && search) {
      return PROHIBITED_EXCEPT_SEARCH;
    }
    return PROHIBITED_SEE_CONSTRAINT;
  }
}
