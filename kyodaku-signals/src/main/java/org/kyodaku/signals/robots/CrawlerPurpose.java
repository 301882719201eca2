package org.kyodaku.signals.robots;

import java.util.Locale;
import org.kyodaku.core.model.Labelled;
import org.kyodaku.signals.Category;

/** What a crawler's operator uses fetched content for; each maps to the category it affects. */
public enum CrawlerPurpose implements Labelled {
  /** Model training by the operator (GPTBot, ClaudeBot, Google-Extended). */
  TRAINING(Category.TRAIN_AI),
  /** Collecting datasets that others train on (CCBot, img2dataset). */
  DATASET(Category.TRAIN_AI),
  /** Search indexing, including AI search (OAI-SearchBot, PerplexityBot, Applebot). */
  SEARCH(Category.SEARCH),
  /** Fetching on a user's request for an AI answer (ChatGPT-User, Claude-User). */
  USER_TRIGGERED(Category.AI_USE),
  /** Autonomous AI agents acting in a browser. */
  AGENT(Category.AI_USE);

  private final Category category;

  CrawlerPurpose(Category category) {
    this.category = category;
  }

  /** The category a crawler of this purpose being blocked disallows. */
  public Category category() {
    return category;
  }

  /**
   * The narrowest category that needs a crawler of this purpose, which an explicit allowance for it
   * allows: {@code train-genai} for training and dataset crawlers (a grant of either training use
   * lets them crawl), else {@link #category()}.
   */
  public Category allowedCategory() {
    return category == Category.TRAIN_AI ? Category.TRAIN_GENAI : category;
  }

  static CrawlerPurpose parse(String label) {
    for (CrawlerPurpose p : values()) {
      if (p.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new RobotsTxtException(
        "unknown crawler purpose \"" + label + "\"; valid: " + Labelled.labels(CrawlerPurpose.class));
  }
}
