package org.kyodaku.core.decision;

import java.time.Instant;
import java.util.Optional;
import org.kyodaku.core.model.Ids;
import org.kyodaku.core.model.Territories;
import org.kyodaku.core.model.Use;

/**
 * What a decision answers: may {@code licensee} make {@code use} of some content at instant {@code
 * at}, in {@code territory}?
 *
 * @param licensee the asking AI developer's party id
 * @param use the intended use
 * @param at the instant asked about; the registry answers from what it knew then
 * @param territory where the use happens, if stated; a territory-limited grant never covers a
 *     question that names no territory
 */
public record Question(String licensee, Use use, Instant at, Optional<String> territory) {
  public Question {
    Ids.check("licensee", licensee);
    territory = territory.map(t -> Territories.code("territory", t));
  }
}
