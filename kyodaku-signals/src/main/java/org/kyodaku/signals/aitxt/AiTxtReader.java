package org.kyodaku.signals.aitxt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.robots.RobotsTxt;

/**
 * Reads Spawning's {@code /ai.txt} for one media path.
 *
 * <p>The file is parsed and matched exactly like robots.txt ({@link RobotsTxt}: groups, longest
 * match, allow on ties, {@code *}, {@code $}), with patterns such as {@code *.jpg} matching any
 * path containing {@code .jpg} from any position (the usual reading of Spawning's generator
 * output). The group for {@code agent} (or {@code *}) decides. ai.txt speaks of AI training only:
 * a matching {@code Disallow} disallows {@code train-ai} (and so {@code train-genai}); a matching
 * {@code Allow} allows {@code train-ai}; no matching rule states nothing (the file's default is not
 * an allowance). A missing or unreadable ai.txt states nothing.
 */
public final class AiTxtReader {
  private AiTxtReader() {}

  /** Reads an ai.txt body for {@code path}; never throws. */
  public static Signals read(byte[] body, String path, Optional<String> agent, String source) {
    RobotsTxt txt = RobotsTxt.parse(body);
    RobotsTxt.Access access = txt.access(agent.orElse("*"), path);
    if (access.rule().isEmpty()) {
      return Signals.none();
    }
    RobotsTxt.Rule rule = access.rule().get();
    Map<Category, Preference> says =
        Map.of(Category.TRAIN_AI, rule.allow() ? Preference.ALLOWED : Preference.DISALLOWED);
    return Signals.of(
        says,
        List.of(Evidence.of(Standard.AI_TXT, source, "line " + rule.line(), rule.text(), says)));
  }
}
