package org.kyodaku.signals.c2pa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Signals;
import org.kyodaku.signals.Standard;

/**
 * Reads a C2PA manifest store (JUMBF) for the training-and-data-mining assertion.
 *
 * <p><b>JUMBF</b> (ISO/IEC 19566-5): boxes of {@code LBox} (u32, 1 = a u64 {@code XLBox} follows,
 * 0 = to the end), {@code TBox} (4 bytes), content. A superbox {@code jumb} starts with a
 * description box {@code jumd}: a 16-byte type, a toggles byte and, when bit 1 is set, a
 * NUL-terminated UTF-8 label. The store is the superbox labelled {@code c2pa}; its superboxes are
 * manifests, the <em>last</em> being the active one (C2PA §"Manifest store"); a manifest's
 * {@code c2pa.assertions} superbox holds one superbox per assertion, labelled with the assertion
 * label (a {@code __n} suffix marks repeats) and holding a {@code cbor} content box.
 *
 * <p><b>Assertion</b> {@code cawg.training-mining} (CAWG 1.1) or {@code c2pa.training-mining}
 * (C2PA 1.3/1.4): a CBOR map with an {@code entries} map, or (C2PA 1.x CDDL) the entries at top
 * level; keys {@code cawg.|c2pa.} + {@code data_mining} ({@code tdm}), {@code ai_inference}
 * ({@code ai-use}), {@code ai_generative_training} ({@code train-genai}), {@code ai_training}
 * ({@code train-ai}); each {@code {"use": "allowed"|"notAllowed"|"constrained",
 * "constraint_info"?}}. Custom keys are reported, not mapped.
 *
 * <p><b>Trust.</b> The claim signature of the active manifest is verified ({@link
 * ClaimSignature}: COSE_Sign1 with the x5chain leaf key, the chain's own signatures) and so is the
 * training-mining assertion's hash in the claim; both results are in the evidence. No trust list is
 * configured, so no signer is trusted, and the hard binding to the asset is not checked: a verified
 * signature proves integrity, not who signed. So only restrictions are taken ({@code notAllowed}
 * and {@code constrained}, which CAWG says to treat as not allowed absent more information): anyone
 * can write a self-signed manifest, and an allowance from an unknown party must not clear content
 * (research/signals.md §9.2 step 5). An
 * {@code allowed} entry is kept in the evidence only. A store that cannot be parsed, or an
 * assertion whose CBOR is malformed, is failed evidence that says nothing.
 */
public final class C2paReader {
  /** The largest manifest store read, in bytes. */
  public static final int MAX_BYTES = 16 << 20;

  /** No trust list is configured, so no signer is trusted: only restrictions are read. */
  private static final String ONLY_RESTRICTIONS = "signer not trusted, only restrictions count";
  private static final String NOT_VERIFIED = "signature not verified";

  private C2paReader() {}

  /**
   * Reads the manifest store in {@code jumbf}.
   *
   * @param source the file, as the caller names it
   * @param position where in the file the store is, e.g. {@code JPEG APP11 at byte 1200}
   */
  public static Signals read(byte[] jumbf, String source, String position) {
    if (jumbf.length > MAX_BYTES) {
      return failed(source, position, jumbf.length + " bytes of JUMBF",
          "manifest store of " + jumbf.length + " bytes is over the limit of " + MAX_BYTES);
    }
    Box store;
    try {
      store = boxes(jumbf, 0, jumbf.length, 0).stream()
          .filter(b -> b.label().equals("c2pa"))
          .findFirst()
          .orElseThrow(() -> new CborException("JUMBF has no superbox labelled c2pa"));
    } catch (CborException e) {
      return failed(source, position, "JUMBF, " + jumbf.length + " bytes", e.getMessage());
    }
    List<Box> manifests = store.superboxes();
    if (manifests.isEmpty()) {
      return failed(source, position, "C2PA manifest store", "the manifest store holds no manifest");
    }
    Box active = manifests.getLast();
    Optional<byte[]> claim = cbor(jumbf, active, "c2pa.claim", "c2pa.claim.v2");
    Optional<byte[]> cose = cbor(jumbf, active, "c2pa.signature");
    ClaimSignature.Result signature = claim.isEmpty() || cose.isEmpty()
        ? new ClaimSignature.Result(false, "the active manifest lacks a claim or signature box")
        : ClaimSignature.verify(claim.get(), cose.get());
    Map<?, ?> claimMap = Map.of();
    if (claim.isPresent()) {
      try {
        claimMap = Cbor.decode(claim.get()) instanceof Map<?, ?> m ? m : Map.of();
      } catch (CborException e) {
        // The signature result already says the claim is unusable; bindings will not be found.
      }
    }
    List<Signals> parts = new ArrayList<>();
    List<Evidence> presence = new ArrayList<>();
    presence.add(Evidence.of(Standard.C2PA, source, position,
        "C2PA manifest store, " + manifests.size() + " manifest(s), active " + active.label()
            + "; signature " + signature, Map.of()));
    parts.add(Signals.unknown(presence));
    for (Box assertions : active.superboxes()) {
      if (!assertions.label().equals("c2pa.assertions")) {
        continue;
      }
      for (Box a : assertions.superboxes()) {
        String label = a.label().replaceFirst("__\\d+$", "");
        if (label.equals("cawg.training-mining") || label.equals("c2pa.training-mining")) {
          String trust = "signature " + (signature.verified() ? "verified" : "not verified")
              + ", assertion " + ClaimSignature.bound(jumbf, a, claimMap) + "; " + ONLY_RESTRICTIONS;
          parts.add(assertion(jumbf, a, label, source, position + ", " + a.label(), trust));
        }
      }
    }
    return Signals.mostRestrictive(parts);
  }

  /** The content of the {@code cbor} box of the first child superbox with one of {@code labels}. */
  private static Optional<byte[]> cbor(byte[] jumbf, Box manifest, String... labels) {
    for (Box b : manifest.superboxes()) {
      if (List.of(labels).contains(b.label())) {
        return b.children().stream()
            .filter(c -> c.type().equals("cbor"))
            .findFirst()
            .map(c -> java.util.Arrays.copyOfRange(jumbf, c.contentStart(), c.end()));
      }
    }
    return Optional.empty();
  }

  private static Signals assertion(byte[] jumbf, Box a, String label, String source, String at, String trust) {
    @Nullable Box content = a.children().stream()
        .filter(b -> b.type().equals("cbor"))
        .findFirst()
        .orElse(null);
    if (content == null) {
      return failed(source, at, label, label + " has no cbor content box");
    }
    Object decoded;
    try {
      decoded = Cbor.decode(java.util.Arrays.copyOfRange(jumbf, content.contentStart(), content.end()));
    } catch (CborException e) {
      return failed(source, at, label, "CBOR of " + label + " (box at byte " + content.start()
          + ") not readable: " + e.getMessage());
    }
    if (!(decoded instanceof Map<?, ?> map)) {
      return failed(source, at, label, label + " is not a CBOR map");
    }
    Object entries = map.get("entries") instanceof Map<?, ?> e ? e : map;
    Map<Category, Preference> says = new EnumMap<>(Category.class);
    StringJoiner value = new StringJoiner(", ", label + ": ", "; " + trust);
    @Nullable String error = null;
    for (Map.Entry<?, ?> e : ((Map<?, ?>) entries).entrySet()) {
      if (!(e.getKey() instanceof String key) || key.equals("metadata")) {
        continue;
      }
      Object use = e.getValue() instanceof Map<?, ?> entry ? entry.get("use") : null;
      Object info = e.getValue() instanceof Map<?, ?> entry
          ? (entry.get("constraint_info") != null ? entry.get("constraint_info") : entry.get("constraints_info"))
          : null;
      value.add(key + "=" + use + (info == null ? "" : " (" + info + ")"));
      @Nullable Category c = category(key);
      if (!("allowed".equals(use) || "notAllowed".equals(use) || "constrained".equals(use))) {
        error = "entry " + key + " has use " + use + ", not allowed, notAllowed or constrained";
        if (c != null) {
          says.put(c, Preference.DISALLOWED);
        }
        continue;
      }
      if (c != null && !"allowed".equals(use)) {
        says.put(c, Preference.DISALLOWED);
      }
    }
    Evidence ev = error == null
        ? Evidence.of(Standard.C2PA, source, at, value.toString(), says)
        : Evidence.failure(Standard.C2PA, source, at, value.toString(), says, error);
    return Signals.of(says, List.of(ev));
  }

  private static @Nullable Category category(String key) {
    int dot = key.indexOf('.');
    String prefix = dot < 0 ? "" : key.substring(0, dot);
    if (!prefix.equals("cawg") && !prefix.equals("c2pa")) {
      return null;
    }
    return switch (key.substring(dot + 1)) {
      case "data_mining" -> Category.TDM;
      case "ai_inference" -> Category.AI_USE;
      case "ai_generative_training" -> Category.TRAIN_GENAI;
      case "ai_training" -> Category.TRAIN_AI;
      default -> null;
    };
  }

  private static Signals failed(String source, String position, String value, String error) {
    return Signals.unknown(List.of(Evidence.failure(
        Standard.C2PA, source, position, value, Map.of(), error + "; " + NOT_VERIFIED)));
  }

  /** A JUMBF box; {@code label} is empty unless it is a labelled superbox. */
  record Box(String type, int start, int contentStart, int end, String label, List<Box> children) {
    List<Box> superboxes() {
      return children.stream().filter(b -> b.type().equals("jumb")).toList();
    }
  }

  static List<Box> boxes(byte[] in, int from, int to, int depth) {
    if (depth > 16) {
      throw new CborException("JUMBF nested deeper than 16 at byte " + from);
    }
    List<Box> out = new ArrayList<>();
    int pos = from;
    while (pos < to) {
      if (to - pos < 8) {
        throw new CborException("truncated JUMBF box header at byte " + pos);
      }
      long length = u32(in, pos);
      String type = new String(in, pos + 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (length == 1) {
        if (to - pos < 16) {
          throw new CborException("truncated JUMBF XLBox at byte " + pos);
        }
        length = (u32(in, pos + 8) << 32) | u32(in, pos + 12);
        header = 16;
      } else if (length == 0) {
        length = to - pos;
      }
      if (length < header || length > to - pos) {
        throw new CborException("JUMBF box " + type + " at byte " + pos + " claims " + length
            + " bytes; " + (to - pos) + " are left");
      }
      int end = pos + (int) length;
      int content = pos + header;
      if (type.equals("jumb")) {
        List<Box> children = boxes(in, content, end, depth + 1);
        if (children.isEmpty() || !children.getFirst().type().equals("jumd")) {
          throw new CborException("JUMBF superbox at byte " + pos + " does not start with a jumd box");
        }
        out.add(new Box(type, pos, content, end, label(in, children.getFirst()), children));
      } else {
        out.add(new Box(type, pos, content, end, "", List.of()));
      }
      pos = end;
    }
    return out;
  }

  private static String label(byte[] in, Box jumd) {
    int p = jumd.contentStart();
    if (jumd.end() - p < 17) {
      throw new CborException("jumd box at byte " + jumd.start() + " is shorter than 17 bytes");
    }
    int toggles = in[p + 16] & 0xff;
    if ((toggles & 0x02) == 0) {
      return "";
    }
    int s = p + 17;
    int e = s;
    while (e < jumd.end() && in[e] != 0) {
      e++;
    }
    if (e == jumd.end()) {
      throw new CborException("jumd label at byte " + s + " is not NUL-terminated");
    }
    return new String(in, s, e - s, StandardCharsets.UTF_8);
  }

  private static long u32(byte[] in, int p) {
    return ((in[p] & 0xffL) << 24) | ((in[p + 1] & 0xffL) << 16) | ((in[p + 2] & 0xffL) << 8) | (in[p + 3] & 0xffL);
  }
}
