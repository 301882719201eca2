package org.kyodaku.log.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.registry.ConsentLog;
import org.kyodaku.core.registry.RegistryException;
import org.kyodaku.log.entry.Entry;
import org.kyodaku.log.entry.EntryWriter;
import org.kyodaku.log.entry.SignedBy;
import org.kyodaku.log.note.SignerKey;
import org.kyodaku.log.sequencer.Sequencer;

/**
 * Appends registry acts to the log as entries of the schema in docs/log-entries.md: {@code party},
 * {@code work} (fingerprints only, never file names), {@code grant} and {@code revocation}. Parties
 * have no keys of their own yet, so the log key signs each entry on its author's behalf ({@code
 * "by":"registry"}). {@link #append} returns once a signed checkpoint covers the entry.
 */
public final class LogRecorder implements ConsentLog {
  private static final long TIMEOUT_SECONDS = 30;

  private final Sequencer sequencer;
  private final SignerKey key;

  public LogRecorder(Sequencer sequencer, SignerKey key) {
    this.sequencer = sequencer;
    this.key = key;
  }

  @Override
  public long append(Act act) {
    Entry entry = new Entry(type(act), act.at(), act.author(), body(act));
    byte[] bytes = EntryWriter.write(entry.sign(key, SignedBy.REGISTRY));
    try {
      return sequencer.append(bytes).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the log", e);
    } catch (ExecutionException e) {
      throw unavailable("the log refused the entry: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unavailable("the log did not publish the entry within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  private static RegistryException unavailable(String message, Throwable cause) {
    return new RegistryException(RegistryException.Kind.UNAVAILABLE, Optional.empty(), message, cause);
  }

  static String type(Act act) {
    return switch (act) {
      case PartyCreated p -> "party";
      case WorkRegistered w -> "work";
      case GrantIssued g -> "grant";
      case GrantRevoked r -> "revocation";
    };
  }

  /** The entry body of {@code act}: members sorted by the writer, optional ones left out. */
  static Map<String, Object> body(Act act) {
    Map<String, Object> b = new LinkedHashMap<>();
    switch (act) {
      case PartyCreated p -> {
        b.put("id", p.party().id());
        b.put("kind", p.party().kind().label());
        b.put("name", p.party().name());
      }
      case WorkRegistered w -> {
        b.put("id", w.work().id());
        b.put("title", w.work().title());
        b.put("kind", w.work().kind().label());
        b.put("owner", w.work().owner());
        List<Object> assets = new ArrayList<>();
        for (Asset a : w.assets()) {
          List<Object> prints = new ArrayList<>();
          for (Fingerprint f : a.fingerprints()) {
            prints.add(Map.of("alg", f.algorithm(), "value", f.value()));
          }
          Map<String, Object> asset = new LinkedHashMap<>();
          asset.put("fingerprints", prints);
          // The frames themselves stay in the store (up to 20,000 per video); the digest commits
          // the entry to them, so a receipt proves which frames were registered.
          a.video()
              .ifPresent(
                  v ->
                      asset.put(
                          "framesDigest",
                          Map.of("alg", FrameHashes.DIGEST_V1, "count", (long) v.frames().size(), "value", v.digest())));
          assets.add(asset);
        }
        b.put("assets", assets);
      }
      case GrantIssued gi -> {
        Grant g = gi.grant();
        b.put("id", g.id());
        b.put("grantor", g.grantor());
        b.put("licensee", g.licensee().orElse(Grant.EVERYONE));
        b.put("uses", g.uses().stream().map(Use::label).sorted().toList());
        if (g.allWorks()) {
          b.put("allWorks", true);
        } else {
          b.put("works", List.copyOf(g.works()));
        }
        b.put("validFrom", time(g.validFrom()));
        g.validUntil().ifPresent(t -> b.put("validUntil", time(t)));
        if (!g.territories().isEmpty()) {
          b.put("territories", List.copyOf(g.territories()));
        }
        g.termsUrl().ifPresent(u -> b.put("termsUrl", u));
      }
      case GrantRevoked r -> {
        b.put("grant", r.grant());
        b.put("revokedAt", time(r.revocation().revokedAt()));
        r.revocation().reason().ifPresent(reason -> b.put("reason", reason));
      }
    }
    return b;
  }

  private static String time(Instant t) {
    return t.toString();
  }
}
