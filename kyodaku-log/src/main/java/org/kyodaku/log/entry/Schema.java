package org.kyodaku.log.entry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kyodaku.log.note.KeyType;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.VerifierKey;

/**
 * Body schemas of the known entry types (documented in {@code docs/log-entries.md}) and the field
 * checks they share. A known type's body must have every required member, may have the listed
 * optional ones, and nothing else; an unknown type's body is only checked to be canonical JSON.
 *
 * <p>Identifier, label and time rules mirror kyodaku-core's model (which this module does not
 * depend on): ids {@code [a-z]{1,3}_[a-z0-9]{8,40}}, uses {@code train-ai}, {@code train-genai},
 * {@code ai-use}, {@code search}; instants in {@link Instant#toString()} form (UTC, {@code Z}, 0, 3,
 * 6 or 9 fraction digits), which is canonical because it round-trips.
 */
final class Schema {
  static final Pattern ID = Pattern.compile("[a-z]{1,3}_[a-z0-9]{8,40}");
  static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  static final Pattern LABEL = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern HEX32 = Pattern.compile("[0-9a-f]{64}");
  static final Pattern HEX = Pattern.compile("([0-9a-f]{2})+");
  static final Pattern TERRITORY = Pattern.compile("[A-Z]{2}");
  static final String REGISTRY_AUTHOR = "registry";

  static final Set<String> USES = Set.of("train-ai", "train-genai", "ai-use", "search");
  static final Set<String> PARTY_KINDS =
      Set.of("creator", "rights-holder", "collective", "licensee", "auditor", "admin");
  static final Set<String> WORK_KINDS = Set.of("image", "video", "text", "audio", "character");
  static final Set<String> DISPUTE_STATUS = Set.of("open", "resolved");

  /** The known types, in the order the documentation lists them. */
  static final List<String> KNOWN =
      List.of(
          "party", "work", "grant", "revocation", "mandate", "dispute", "clearance-run", "map-root");

  private Schema() {}

  static void validateBody(String type, Map<String, Object> body) {
    String p = "body";
    switch (type) {
      case "party" -> {
        exactMembers(body, p, Set.of("id", "kind", "name"), Set.of("key"));
        id(body, p, "id");
        oneOf(body, p, "kind", PARTY_KINDS);
        text(body, p, "name", 500);
        if (body.containsKey("key")) {
          partyKey(string(body, p, "key"), string(body, p, "id"));
        }
      }
      case "work" -> {
        exactMembers(body, p, Set.of("id", "title", "kind", "owner", "assets"), Set.of());
        id(body, p, "id");
        text(body, p, "title", 2000);
        oneOf(body, p, "kind", WORK_KINDS);
        id(body, p, "owner");
        List<?> assets = list(body, p, "assets");
        for (int i = 0; i < assets.size(); i++) {
          String ap = p + ".assets[" + i + "]";
          Map<String, Object> asset = object(assets.get(i), ap);
          exactMembers(asset, ap, Set.of("fingerprints"), Set.of("framesDigest"));
          if (asset.containsKey("framesDigest")) {
            framesDigest(asset.get("framesDigest"), ap + ".framesDigest");
          }
          List<?> fps = list(asset, ap, "fingerprints");
          if (fps.isEmpty()) {
            throw new EntryException(ap + ".fingerprints is empty, expected at least one");
          }
          Set<String> seen = new HashSet<>();
          for (int j = 0; j < fps.size(); j++) {
            String fp = ap + ".fingerprints[" + j + "]";
            Map<String, Object> f = object(fps.get(j), fp);
            exactMembers(f, fp, Set.of("alg", "value"), Set.of());
            String alg = string(f, fp, "alg");
            if (!LABEL.matcher(alg).matches() || alg.length() > 40) {
              throw new EntryException(fp + ".alg \"" + alg + "\" is not an algorithm name");
            }
            String value = string(f, fp, "value");
            if (!HEX.matcher(value).matches() || value.length() > 2048) {
              throw new EntryException(fp + ".value is not lowercase hex of at most 1024 bytes");
            }
            if (alg.equals("sha256") && value.length() != 64) {
              throw new EntryException(
                  fp + ".value has " + value.length() + " hex digits, expected 64 for sha256");
            }
            if (!seen.add(alg + ":" + value)) {
              throw new EntryException(fp + " repeats " + alg + ":" + value);
            }
          }
        }
      }
      case "grant" -> {
        exactMembers(
            body,
            p,
            Set.of("id", "grantor", "licensee", "uses", "validFrom"),
            Set.of("works", "allWorks", "validUntil", "territories", "termsUrl", "mandate", "conditions"));
        id(body, p, "id");
        id(body, p, "grantor");
        String licensee = string(body, p, "licensee");
        if (!licensee.equals("everyone") && !ID.matcher(licensee).matches()) {
          throw new EntryException(
              p + ".licensee \"" + licensee + "\" is neither a party id nor \"everyone\"");
        }
        uses(body, p);
        scope(body, p);
        validity(body, p);
        if (body.containsKey("territories")) {
          List<String> t = sortedSet(body, p, "territories");
          for (String code : t) {
            if (!TERRITORY.matcher(code).matches()) {
              throw new EntryException(
                  p + ".territories has \"" + code + "\", expected ISO 3166-1 alpha-2 (\"JP\")");
            }
          }
        }
        if (body.containsKey("termsUrl")) {
          url(string(body, p, "termsUrl"), p + ".termsUrl");
        }
        if (body.containsKey("mandate")) {
          id(body, p, "mandate");
        }
        if (body.containsKey("conditions")) {
          List<?> c = list(body, p, "conditions");
          for (int i = 0; i < c.size(); i++) {
            if (!(c.get(i) instanceof String s) || s.isEmpty()) {
              throw new EntryException(p + ".conditions[" + i + "] is not a non-empty string");
            }
          }
        }
      }
      case "revocation" -> {
        exactMembers(body, p, Set.of("grant", "revokedAt"), Set.of("reason"));
        id(body, p, "grant");
        instant(body, p, "revokedAt");
        if (body.containsKey("reason")) {
          text(body, p, "reason", 2000);
        }
      }
      case "mandate" -> {
        exactMembers(
            body,
            p,
            Set.of("id", "creator", "collective", "uses", "validFrom"),
            Set.of("works", "allWorks", "validUntil"));
        id(body, p, "id");
        id(body, p, "creator");
        id(body, p, "collective");
        uses(body, p);
        scope(body, p);
        validity(body, p);
      }
      case "dispute" -> {
        exactMembers(body, p, Set.of("id", "work", "claimant", "status"), Set.of("reason"));
        id(body, p, "id");
        id(body, p, "work");
        id(body, p, "claimant");
        oneOf(body, p, "status", DISPUTE_STATUS);
        if (body.containsKey("reason")) {
          text(body, p, "reason", 2000);
        }
      }
      case "clearance-run" -> {
        exactMembers(
            body,
            p,
            Set.of("id", "licensee", "use", "policy", "items", "allowed", "clearedRoot", "manifest"),
            Set.of("logSize"));
        id(body, p, "id");
        id(body, p, "licensee");
        oneOf(body, p, "use", USES);
        label(body, p, "policy");
        long items = count(body, p, "items");
        long allowed = count(body, p, "allowed");
        if (allowed > items) {
          throw new EntryException(
              p + ".allowed is " + allowed + ", more than the " + items + " items");
        }
        hex32(body, p, "clearedRoot");
        hex32(body, p, "manifest");
        if (body.containsKey("logSize")) {
          count(body, p, "logSize");
        }
      }
      case "map-root" -> {
        exactMembers(body, p, Set.of("root", "keys", "logSize"), Set.of());
        hex32(body, p, "root");
        count(body, p, "keys");
        count(body, p, "logSize");
      }
      default -> {
        // An open type: canonical JSON is all we can check.
      }
    }
  }

  static void exactMembers(Map<?, ?> m, String path, Set<String> required, Set<String> optional) {
    for (String r : required) {
      if (!m.containsKey(r)) {
        throw new EntryException(path + " has no member \"" + r + "\"");
      }
    }
    for (Object k : m.keySet()) {
      if (!required.contains(k) && !optional.contains(k)) {
        List<String> allowed = new ArrayList<>(required);
        allowed.addAll(optional);
        allowed.sort(null);
        throw new EntryException(
            path + " has unknown member \"" + k + "\", expected only " + allowed);
      }
    }
  }

  static String string(Map<?, ?> m, String path, String name) {
    if (!(m.get(name) instanceof String s)) {
      throw new EntryException(path + "." + name + " is not a string");
    }
    return s;
  }

  static String id(Map<?, ?> m, String path, String name) {
    String s = string(m, path, name);
    if (!ID.matcher(s).matches()) {
      throw new EntryException(
          path + "." + name + " \"" + abbreviate(s) + "\" is not an id ([a-z]{1,3}_[a-z0-9]{8,40})");
    }
    return s;
  }

  static Instant instant(Map<?, ?> m, String path, String name) {
    return instant(string(m, path, name), path + "." + name);
  }

  static Instant instant(String s, String what) {
    Instant t;
    try {
      t = Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new EntryException(what + " \"" + abbreviate(s) + "\" is not an RFC 3339 UTC time");
    }
    if (!t.toString().equals(s)) {
      throw new EntryException(
          what + " \"" + s + "\" is not canonical, expected \"" + t + "\"");
    }
    return t;
  }

  private static void text(Map<?, ?> m, String path, String name, int max) {
    String s = string(m, path, name);
    if (s.isBlank() || s.length() > max) {
      throw new EntryException(
          path + "." + name + " must be non-blank and at most " + max + " chars, has " + s.length());
    }
  }

  private static void oneOf(Map<?, ?> m, String path, String name, Set<String> allowed) {
    String s = string(m, path, name);
    if (!allowed.contains(s)) {
      throw new EntryException(
          path + "." + name + " is \"" + abbreviate(s) + "\", expected one of " + sorted(allowed));
    }
  }

  private static void label(Map<?, ?> m, String path, String name) {
    String s = string(m, path, name);
    if (!LABEL.matcher(s).matches()) {
      throw new EntryException(path + "." + name + " \"" + abbreviate(s) + "\" is not a label");
    }
  }

  private static List<?> list(Map<?, ?> m, String path, String name) {
    if (!(m.get(name) instanceof List<?> l)) {
      throw new EntryException(path + "." + name + " is not a list");
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String path) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new EntryException(path + " is not an object");
    }
    return (Map<String, Object>) m;
  }

  /** A non-empty list of strings in strictly increasing order: the canonical form of a set. */
  private static List<String> sortedSet(Map<?, ?> m, String path, String name) {
    List<?> l = list(m, path, name);
    if (l.isEmpty()) {
      throw new EntryException(path + "." + name + " is empty; leave it out instead");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof String s)) {
        throw new EntryException(path + "." + name + "[" + i + "] is not a string");
      }
      if (!out.isEmpty() && out.getLast().compareTo(s) >= 0) {
        throw new EntryException(
            path
                + "."
                + name
                + "["
                + i
                + "] \""
                + abbreviate(s)
                + "\" is not after \""
                + abbreviate(out.getLast())
                + "\": a set is written sorted, without repeats");
      }
      out.add(s);
    }
    return out;
  }

  private static void uses(Map<?, ?> m, String path) {
    for (String u : sortedSet(m, path, "uses")) {
      if (!USES.contains(u)) {
        throw new EntryException(
            path + ".uses has \"" + abbreviate(u) + "\", expected uses among " + sorted(USES));
      }
    }
  }

  private static void scope(Map<?, ?> m, String path) {
    boolean all = m.containsKey("allWorks");
    boolean listed = m.containsKey("works");
    if (all == listed) {
      throw new EntryException(path + " must have exactly one of \"works\" and \"allWorks\"");
    }
    if (all && !Boolean.TRUE.equals(m.get("allWorks"))) {
      throw new EntryException(path + ".allWorks must be true when present");
    }
    if (listed) {
      for (String w : sortedSet(m, path, "works")) {
        if (!ID.matcher(w).matches()) {
          throw new EntryException(path + ".works has \"" + abbreviate(w) + "\", not a work id");
        }
      }
    }
  }

  private static void validity(Map<?, ?> m, String path) {
    Instant from = instant(m, path, "validFrom");
    if (m.containsKey("validUntil")) {
      Instant until = instant(m, path, "validUntil");
      if (!until.isAfter(from)) {
        throw new EntryException(
            path + ".validUntil " + until + " is not after validFrom " + from);
      }
    }
  }

  private static long count(Map<?, ?> m, String path, String name) {
    if (!(m.get(name) instanceof Long l) || l < 0) {
      throw new EntryException(path + "." + name + " is not a non-negative integer");
    }
    return l;
  }

  /** A video asset's commitment to its frame hashes (docs/log-entries.md, "framesDigest"). */
  private static void framesDigest(Object value, String path) {
    Map<String, Object> d = object(value, path);
    exactMembers(d, path, Set.of("alg", "count", "value"), Set.of());
    String alg = string(d, path, "alg");
    if (!alg.equals(FRAMES_DIGEST_V1)) {
      throw new EntryException(
          path + ".alg \"" + abbreviate(alg) + "\" is not a known frames digest; known: " + FRAMES_DIGEST_V1);
    }
    long frames = count(d, path, "count");
    if (frames < 1) {
      throw new EntryException(path + ".count is 0, expected at least one frame");
    }
    if (frames > org.kyodaku.core.model.FrameHashes.MAX_FRAMES) {
      throw new EntryException(path + ".count is " + frames + ", more than the "
          + org.kyodaku.core.model.FrameHashes.MAX_FRAMES + " frames a registration may have");
    }
    hex32(d, path, "value");
  }

  /** Kept equal to kyodaku-core's {@code FrameHashes.DIGEST_V1}, which computes it. */
  static final String FRAMES_DIGEST_V1 = "frames-sha256-v1";

  private static void hex32(Map<?, ?> m, String path, String name) {
    String s = string(m, path, name);
    if (!HEX32.matcher(s).matches()) {
      throw new EntryException(
          path + "." + name + " \"" + abbreviate(s) + "\" is not 64 lowercase hex digits");
    }
  }

  private static void url(String s, String what) {
    try {
      URI u = new URI(s);
      String scheme = u.getScheme();
      if (scheme == null
          || !(scheme.equals("https") || scheme.equals("http"))
          || u.getRawAuthority() == null
          || s.length() > 2000) {
        throw new EntryException(what + " \"" + abbreviate(s) + "\" is not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new EntryException(what + " \"" + abbreviate(s) + "\" is not a URL: " + e.getReason());
    }
  }

  private static void partyKey(String vkey, String id) {
    VerifierKey key;
    try {
      key = VerifierKey.parse(vkey);
    } catch (NoteException e) {
      throw new EntryException("body.key: " + e.getMessage(), e);
    }
    if (key.type() != KeyType.ED25519) {
      throw new EntryException("body.key has type " + key.type() + ", expected ED25519");
    }
    if (!key.name().equals(id)) {
      throw new EntryException(
          "body.key is named \"" + key.name() + "\", expected the party id \"" + id + "\"");
    }
  }

  static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    l.sort(null);
    return l;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
