package org.kyodaku.core.model;

/**
 * What an AI developer wants to do with content, aligned with the IETF AI-preferences vocabulary.
 *
 * <p>{@code train-ai} is broader here than the latest IETF label of that name: it means training
 * any model, so a grant of it also covers {@code train-genai}. Nothing else is implied: a grant of
 * {@code search} does not cover {@code ai-use}, and {@code train-genai} does not cover {@code
 * train-ai}. The mapping to each standard's labels is in shared/research/signals.md, section 9.1.
 */
public enum Use implements Labelled {
  /** Training any AI model. Covers {@link #TRAIN_GENAI}. */
  TRAIN_AI,
  /** Training generative AI models. */
  TRAIN_GENAI,
  /** Use as input at inference time: retrieval-augmented generation, image-to-image, reference. */
  AI_USE,
  /** Indexing for search. */
  SEARCH;

  /** Whether a grant of this use also permits {@code asked}. */
  public boolean covers(Use asked) {
    return this == asked || (this == TRAIN_AI && asked == TRAIN_GENAI);
  }

  /** Every valid label, comma-separated, for error messages. */
  public static String validLabels() {
    return Labelled.labels(Use.class);
  }

  /**
   * Parses a label such as {@code train-ai}.
   *
   * @throws ValidationException naming the valid labels when {@code label} is not one of them
   */
  public static Use parse(String field, String label) {
    return Labelled.parse(Use.class, field, "use", label);
  }

  @Override
  public String toString() {
    return label();
  }
}
