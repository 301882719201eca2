package org.kyodaku.core.registry;

/**
 * A window over a listing, ordered by id.
 *
 * @param after only records whose id sorts after this one (empty string: from the start)
 * @param limit at most this many records, between 1 and {@value #MAX_LIMIT}
 */
public record Page(String after, int limit) {
  public static final int MAX_LIMIT = 1000;
  public static final Page FIRST = new Page("", 100);

  public Page {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw RegistryException.invalid(
          "limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }
}
