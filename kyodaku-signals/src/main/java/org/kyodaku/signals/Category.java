package org.kyodaku.signals;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.kyodaku.core.model.Labelled;
import org.kyodaku.core.model.Use;

/**
 * A use category a signal can speak to: the registry's four {@link Use uses} plus general
 * text-and-data mining.
 *
 * <p>The categories nest: {@code tdm} contains {@code train-ai}, {@code ai-use} and {@code search};
 * {@code train-ai} (training any model) contains {@code train-genai} (training generative models).
 * {@link Signals} applies the nesting in both directions (see {@code docs/signals.md}).
 */
public enum Category implements Labelled {
  /** Any automated text and data mining (EU CDSM Directive Art. 2(2), Art. 4). */
  TDM(null),
  /** Training any AI model. */
  TRAIN_AI(TDM),
  /** Training generative AI models. */
  TRAIN_GENAI(TRAIN_AI),
  /** Input at inference time: RAG, grounding, image-to-image, reference. */
  AI_USE(TDM),
  /** Indexing for search. */
  SEARCH(TDM);

  private final @Nullable Category parent;

  Category(@Nullable Category parent) {
    this.parent = parent;
  }

  /** The category that directly contains this one; empty for {@code tdm}. */
  public Optional<Category> parent() {
    return Optional.ofNullable(parent);
  }

  /** Whether this category is {@code other} or contains it. */
  public boolean contains(Category other) {
    for (Category c = other; c != null; c = c.parent) {
      if (c == this) {
        return true;
      }
    }
    return false;
  }

  /** The category of a registry use. */
  public static Category of(Use use) {
    return switch (use) {
      case TRAIN_AI -> TRAIN_AI;
      case TRAIN_GENAI -> TRAIN_GENAI;
      case AI_USE -> AI_USE;
      case SEARCH -> SEARCH;
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
