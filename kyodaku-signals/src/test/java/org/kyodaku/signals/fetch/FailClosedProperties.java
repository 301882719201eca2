package org.kyodaku.signals.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;

/**
 * {@link SiteChecker#failClosed}: when any document of a site could not be fetched or read, the
 * unread one may have reserved what the others allow, so nothing may read as allowed; reservations
 * and the evidence already gathered are kept, and a site read in full is left as it is.
 */
class FailClosedProperties {

  @Property(tries = 1000)
  void withAFailureNothingIsAllowed_reservationsStay_evidenceKept(@ForAll("site") Signals s) {
    Signals out = SiteChecker.failClosed(s);
    for (Category c : Category.values()) {
      if (s.anyFailure()) {
        assertThat(out.get(c)).as("%s with failed evidence", c).isNotEqualTo(Preference.ALLOWED);
      } else {
        assertThat(out.get(c)).isEqualTo(s.get(c));
      }
      if (s.get(c) == Preference.DISALLOWED) {
        assertThat(out.get(c)).isEqualTo(Preference.DISALLOWED);
      }
      if (s.get(c) != Preference.ALLOWED) {
        assertThat(out.get(c)).isEqualTo(s.get(c));
      }
    }
    assertThat(out.evidence()).startsWith(s.evidence().toArray(Evidence[]::new));
    assertThat(out.anyFailure()).isEqualTo(s.anyFailure());
  }

  @Property(tries = 300)
  void isIdempotent(@ForAll("site") Signals s) {
    Signals once = SiteChecker.failClosed(s);
    assertThat(SiteChecker.failClosed(once).verdicts()).isEqualTo(once.verdicts());
  }

  @Provide
  Arbitrary<Signals> site() {
    Arbitrary<Map<Category, Preference>> verdicts =
        Arbitraries.of(Preference.class).list().ofSize(Category.values().length).map(ps -> {
          EnumMap<Category, Preference> m = new EnumMap<>(Category.class);
          for (Category c : Category.values()) {
            m.put(c, ps.get(c.ordinal()));
          }
          return m;
        });
    Arbitrary<Evidence> evidence = Combinators.combine(
            Arbitraries.of(Standard.class), Arbitraries.of(true, false), Arbitraries.integers().between(0, 99))
        .as((standard, failed, n) -> failed
            ? Evidence.failure(standard, "https://example.jp/" + n, "document", "", Map.of(),
                "HTTP 503")
            : Evidence.of(standard, "https://example.jp/" + n, "line " + n, "value", Map.of()));
    return Combinators.combine(verdicts, evidence.list().ofMaxSize(4))
        .as((v, e) -> new Signals(v, new ArrayList<>(e)));
  }
}
