package org.kyodaku.signals.tdmrep;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kyodaku.signals.Category;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Preference;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.json.Json;
import org.kyodaku.signals.json.JsonException;
import org.kyodaku.signals.robots.PathPattern;

/**
 * Reads TDMRep values from each carrier.
 *
 * <p><b>{@code /.well-known/tdmrep.json}</b> (TDMRep §"TDM Reservation File"). A JSON array of
 * rules; each rule an object with a {@code location} string (a path pattern matched like robots.txt
 * rules: {@code *} and a final {@code $}, prefix match, percent-encoding normalised), a {@code
 * tdm-reservation} number 0 or 1, and optionally a {@code tdm-policy} URL string. The <em>first</em>
 * rule in array order whose location matches wins; no match means unset. A file that is not such an
 * array (bad JSON, a rule that is not an object, a missing or non-string {@code location}) is
 * recorded as failed evidence and sets nothing: TDMRep's rule for protocol errors is "unset", and
 * under opt-in unset is not licensed anyway. A matching rule whose {@code tdm-reservation} is not 0
 * or 1 also sets nothing (spec: treat as unset).
 *
 * <p><b>Headers and meta.</b> The value {@code 1} or {@code 0} after trimming; anything else is a
 * protocol error, recorded and unset. {@code tdm-policy} is kept only with a reservation.
 */
public final class TdmRepReader {
  private TdmRepReader() {}

  /** Reads {@code tdmrep.json} for the resource at {@code path}. */
  public static TdmRep wellKnown(String json, String path, String source) {
    Object root;
    try {
      root = Json.parse(json);
    } catch (JsonException e) {
      return failed(source, "document", abbreviate(json), "not JSON: " + e.getMessage());
    }
    if (!(root instanceof List<?> rules)) {
      return failed(source, "document", abbreviate(json), "tdmrep.json must be a JSON array of rules");
    }
    for (int i = 0; i < rules.size(); i++) {
      if (!(rules.get(i) instanceof Map<?, ?> rule)
          || !(rule.get("location") instanceof String)) {
        return failed(
            source,
            "rule " + (i + 1),
            String.valueOf(rules.get(i)),
            "rule " + (i + 1) + " is not an object with a string \"location\"");
      }
    }
    String target = PathPattern.normalise(path.isEmpty() ? "/" : path);
    for (int i = 0; i < rules.size(); i++) {
      Map<?, ?> rule = (Map<?, ?>) rules.get(i);
      String location = (String) rule.get("location");
      if (!PathPattern.matches(PathPattern.normalise(location), target)) {
        continue;
      }
      Object r = rule.get("tdm-reservation");
      Object p = rule.get("tdm-policy");
      String value = "location " + location + ", tdm-reservation " + r
          + (p == null ? "" : ", tdm-policy " + p);
      Optional<Boolean> reserved = Optional.empty();
      if (r instanceof BigDecimal d && d.toPlainString().equals("1")) {
        reserved = Optional.of(true);
      } else if (r instanceof BigDecimal d && d.toPlainString().equals("0")) {
        reserved = Optional.of(false);
      }
      if (reserved.isEmpty()) {
        return failed(source, "rule " + (i + 1), value,
            "tdm-reservation " + r + " is not 0 or 1; treated as unset");
      }
      Optional<String> policy =
          reserved.get() && p instanceof String s ? Optional.of(s) : Optional.empty();
      return found(source, "rule " + (i + 1), value, reserved.get(), policy);
    }
    return TdmRep.none();
  }

  /**
   * Reads header or meta values.
   *
   * @param reservation the {@code tdm-reservation} value, if present
   * @param policy the {@code tdm-policy} value, if present
   * @param position where they were found, e.g. {@code header} or {@code meta}
   */
  public static TdmRep values(
      Optional<String> reservation, Optional<String> policy, String source, String position) {
    if (reservation.isEmpty()) {
      return TdmRep.none();
    }
    String v = reservation.get().strip();
    String value = "tdm-reservation: " + reservation.get()
        + policy.map(p -> ", tdm-policy: " + p).orElse("");
    return switch (v) {
      case "1" -> found(source, position, value, true, policy.map(String::strip));
      case "0" -> found(source, position, value, false, Optional.empty());
      default ->
          failed(source, position, value,
              "tdm-reservation \"" + reservation.get() + "\" is not 0 or 1; treated as unset");
    };
  }

  private static TdmRep found(
      String source, String position, String value, boolean reserved, Optional<String> policy) {
    Map<Category, Preference> says = new EnumMap<>(Map.of(
        Category.TDM, reserved ? Preference.DISALLOWED : Preference.ALLOWED));
    return new TdmRep(
        Optional.of(reserved),
        policy,
        List.of(Evidence.of(Standard.TDMREP, source, position, value, says)));
  }

  private static TdmRep failed(String source, String position, String value, String error) {
    return new TdmRep(
        Optional.empty(),
        Optional.empty(),
        List.of(Evidence.failure(Standard.TDMREP, source, position, value, Map.of(), error)));
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
