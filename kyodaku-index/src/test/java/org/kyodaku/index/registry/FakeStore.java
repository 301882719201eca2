package org.kyodaku.index.registry;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.core.registry.RegistryStore;
import org.kyodaku.core.registry.RegistryStore.IndexedFingerprint;

/**
 * A store holding a list of fingerprints (read at each call, so tests may change it), answering
 * only the three questions the registry index asks; anything else throws.
 */
final class FakeStore {
  private FakeStore() {}

  /** A valid work id for number k: its 26 decimal digits spelled as letters a-j. */
  static String workId(long k) {
    StringBuilder sb = new StringBuilder("w_");
    String.format("%026d", k).chars().forEach(c -> sb.append((char) ('a' + c - '0')));
    return sb.toString();
  }

  static Work work(String id, Instant at) {
    return new Work(id, "title", WorkKind.IMAGE, "p_" + "o".repeat(26), at);
  }

  static RegistryStore of(List<IndexedFingerprint> stored) {
    return of(Fingerprint.PDQ, stored);
  }

  /** A store answering each call with {@code answer(method name, arguments)}. */
  static RegistryStore answering(java.util.function.BiFunction<String, Object[], Object> answer) {
    return (RegistryStore)
        Proxy.newProxyInstance(
            RegistryStore.class.getClassLoader(),
            new Class<?>[] {RegistryStore.class},
            (proxy, method, args) -> answer.apply(method.getName(), args));
  }

  /** A store whose fingerprints are all of {@code algorithm}. */
  static RegistryStore of(String algorithm, List<IndexedFingerprint> stored) {
    return answering(
        (method, args) ->
            switch (method) {
              case "forEachIndexedFingerprint" -> {
                @SuppressWarnings("unchecked")
                Optional<Instant> after = (Optional<Instant>) args[1];
                @SuppressWarnings("unchecked")
                Consumer<IndexedFingerprint> action = (Consumer<IndexedFingerprint>) args[2];
                List.copyOf(stored).stream()
                    .filter(f -> after.isEmpty() || f.registeredAt().isAfter(after.get()))
                    .forEach(action);
                yield null;
              }
              case "countFingerprints" ->
                  stored.stream().filter(f -> !f.registeredAt().isAfter((Instant) args[1])).count();
              case "assetsOf" ->
                  stored.stream()
                      .filter(f -> f.work().equals(args[0]))
                      .map(f -> new Asset(Optional.empty(), List.of(
                          Fingerprint.sha256("0".repeat(64)), new Fingerprint(algorithm, f.value()))))
                      .toList();
              default -> throw new UnsupportedOperationException(method);
            });
  }
}
