package org.kyodaku.log.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.PartyKind;
import org.kyodaku.core.model.Revocation;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.model.WorkKind;
import org.kyodaku.log.entry.SignedEntry;

/**
 * The registry's facts read back from their log entries — the inverse of {@link LogRecorder}'s
 * bodies (docs/log-entries.md): what a receipt verifier checks a decision against, and what
 * {@link LogReplay} stores. The entry's {@code at} is the act's instant (a party's creation, a
 * work's registration, a grant's issue); a revocation's author is who revoked. Entries are
 * schema-checked when parsed, so the casts hold; values the core records refuse raise their
 * {@code ValidationException}.
 */
public final class EntryFacts {
  private EntryFacts() {}

  /** The party of a {@code party} entry. */
  public static Party party(SignedEntry signed) {
    Map<String, Object> b = signed.entry().body();
    return new Party(
        (String) b.get("id"), PartyKind.parse("kind", (String) b.get("kind")), (String) b.get("name"), signed.entry().at());
  }

  /** The work of a {@code work} entry. */
  public static Work work(SignedEntry signed) {
    Map<String, Object> b = signed.entry().body();
    return new Work(
        (String) b.get("id"),
        (String) b.get("title"),
        WorkKind.parse("kind", (String) b.get("kind")),
        (String) b.get("owner"),
        signed.entry().at());
  }

  /** The assets of a {@code work} entry: fingerprints only, never file names. */
  public static List<Asset> assets(SignedEntry signed) {
    List<Asset> out = new ArrayList<>();
    if (signed.entry().body().get("assets") instanceof List<?> assets) {
      for (Object a : assets) {
        List<Fingerprint> prints = new ArrayList<>();
        if (a instanceof Map<?, ?> asset && asset.get("fingerprints") instanceof List<?> fs) {
          for (Object f : fs) {
            Map<?, ?> m = (Map<?, ?>) f;
            prints.add(new Fingerprint((String) m.get("alg"), (String) m.get("value")));
          }
        }
        out.add(new Asset(Optional.empty(), prints));
      }
    }
    return out;
  }

  /** The grant of a {@code grant} entry, with its revocation if one is known. */
  public static Grant grant(SignedEntry signed, Optional<Revocation> revocation) {
    Map<String, Object> b = signed.entry().body();
    Set<Use> uses = EnumSet.noneOf(Use.class);
    strings(b.get("uses")).forEach(u -> uses.add(Use.parse("uses", u)));
    String licensee = (String) b.get("licensee");
    return new Grant(
        (String) b.get("id"),
        (String) b.get("grantor"),
        licensee.equals(Grant.EVERYONE) ? Optional.empty() : Optional.of(licensee),
        uses,
        Boolean.TRUE.equals(b.get("allWorks")),
        new LinkedHashSet<>(strings(b.get("works"))),
        Instant.parse((String) b.get("validFrom")),
        Optional.ofNullable((String) b.get("validUntil")).map(Instant::parse),
        new LinkedHashSet<>(strings(b.get("territories"))),
        Optional.ofNullable((String) b.get("termsUrl")),
        signed.entry().at(),
        revocation);
  }

  /** The id of the grant a {@code revocation} entry revokes. */
  public static String revokedGrant(SignedEntry signed) {
    return (String) signed.entry().body().get("grant");
  }

  /** The revocation of a {@code revocation} entry. */
  public static Revocation revocation(SignedEntry signed) {
    Map<String, Object> b = signed.entry().body();
    return new Revocation(
        Instant.parse((String) b.get("revokedAt")),
        signed.entry().author(),
        Optional.ofNullable((String) b.get("reason")));
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> out.add((String) v));
    }
    return out;
  }
}
