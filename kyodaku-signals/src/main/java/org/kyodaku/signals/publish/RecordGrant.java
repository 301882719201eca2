package org.kyodaku.signals.publish;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kyodaku.core.model.Use;

/**
 * One grant as published: which uses, to whom.
 *
 * @param uses the uses granted, at least one
 * @param everyone whether the grant is to everyone
 * @param licensees the licensees' crawler product tokens when not to everyone, at least one;
 *     letters, digits, {@code _} and {@code -}, starting with a letter
 */
public record RecordGrant(Set<Use> uses, boolean everyone, Set<String> licensees) {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  public RecordGrant {
    if (uses.isEmpty()) {
      throw new PublishException("uses: a grant needs at least one use");
    }
    uses = Set.copyOf(EnumSet.copyOf(uses));
    TreeSet<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String l : licensees) {
      if (!TOKEN.matcher(l).matches()) {
        throw new PublishException(
            "licensees: \"" + l + "\" is not a product token (letters, digits, _ and -)");
      }
      if (l.equals("*")) {
        throw new PublishException("licensees: use everyone instead of \"*\"");
      }
      sorted.add(l);
    }
    if (everyone == !sorted.isEmpty()) {
      throw new PublishException(
          "licensees: a grant is either to everyone or to named licensees, got everyone="
              + everyone + " and " + sorted);
    }
    licensees = Set.copyOf(sorted);
  }

  /** A grant of {@code uses} to everyone. */
  public static RecordGrant toEveryone(Set<Use> uses) {
    return new RecordGrant(uses, true, Set.of());
  }

  /** A grant of {@code uses} to the named licensees. */
  public static RecordGrant to(Set<Use> uses, Set<String> licensees) {
    return new RecordGrant(uses, false, licensees);
  }

  /** Whether this grant reaches {@code licensee} (a token, compared ignoring case). */
  public boolean reaches(String licensee) {
    return everyone || licensees.stream().anyMatch(l -> l.equalsIgnoreCase(licensee));
  }
}
