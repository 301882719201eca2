package org.kyodaku.core.registry;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded cache of store records that are written once and never changed or deleted
 * (credentials, parties): an entry is exactly what the store would answer again, so it needs no
 * invalidation. Only found records are kept, so a record created after a miss is seen at once.
 * When full it starts over, which is crude but bounded: a registry has far fewer active callers and
 * licensees than the bound. A record kind that becomes changeable (token revocation, say) must drop
 * its entry here when it changes, or stop being cached.
 */
final class WriteOnceCache<K, V> {
  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  WriteOnceCache(int capacity) {
    this.capacity = capacity;
  }

  /** The cached value for {@code key}, or what {@code load} finds (kept when found). */
  Optional<V> get(K key, Function<K, Optional<V>> load) {
    V cached = entries.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<V> loaded = load.apply(key);
    loaded.ifPresent(
        v -> {
          if (entries.size() >= capacity) {
            entries.clear();
          }
          entries.put(key, v);
        });
    return loaded;
  }
}
