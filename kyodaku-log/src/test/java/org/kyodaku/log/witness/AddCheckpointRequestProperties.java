package org.kyodaku.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kyodaku.log.merkle.Hash;

/**
 * Fuzzing the witness's request parser, the first thing any stranger's bytes reach: whatever the
 * body, the parser either returns a request that formats back to the same bytes or refuses with a
 * {@link WitnessException} of reason {@code MALFORMED} that says what was wrong (which the server
 * answers with 400) — never another exception, which would be a 500.
 */
class AddCheckpointRequestProperties {
  private static final String VALID =
      new AddCheckpointRequest(
              3,
              List.of(new Hash(new byte[32]), new Hash(new byte[32])),
              "kyodaku.example/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— kyodaku.example/log sig\n")
          .format();

  @Property(tries = 3000)
  void anyBody_parsesAndRoundTrips_orIsRefusedAsMalformed(@ForAll("bodies") byte[] body) {
    try {
      AddCheckpointRequest r = AddCheckpointRequest.parse(body);
      assertThat(AddCheckpointRequest.parse(r.format().getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
    } catch (WitnessException e) {
      assertThat(e.reason()).isEqualTo(WitnessException.Reason.MALFORMED);
      assertThat(e.getMessage()).startsWith("add-checkpoint body: ").hasSizeGreaterThan(22);
    }
  }

  /** Random bytes, and the valid body with a few bytes changed, cut or repeated. */
  @Provide
  Arbitrary<byte[]> bodies() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(4)
        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
          byte[] b = valid.clone();
          for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i)] = values.get(i);
          }
          return b;
        }));
    Arbitrary<byte[]> cut = Arbitraries.integers().between(0, valid.length)
        .map(n -> java.util.Arrays.copyOf(valid, n));
    Arbitrary<byte[]> lines = Arbitraries.of("old 0", "old 18446744073709551616", "old 1", "", "AAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "old  1", "\r", "— x y")
        .list().ofMaxSize(80).map(l -> String.join("\n", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, mutated, cut, lines);
  }
}
