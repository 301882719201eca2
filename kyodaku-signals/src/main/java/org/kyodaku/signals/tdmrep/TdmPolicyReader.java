package org.kyodaku.signals.tdmrep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.kyodaku.signals.Evidence;
import org.kyodaku.signals.Standard;
import org.kyodaku.signals.json.Json;
import org.kyodaku.signals.json.JsonException;

/**
 * Reads a TDMRep policy document (TDMRep §"TDM Policy": an ODRL 2.2 {@code Offer} with profile
 * {@code http://www.w3.org/ns/tdmrep}).
 *
 * <p><b>Checked:</b> a JSON object; {@code @type} {@code "Offer"}; {@code profile} {@code
 * "http://www.w3.org/ns/tdmrep"}; {@code permission} a non-empty array of objects whose {@code
 * action} is {@code tdm:mine} (or its IRI {@code http://www.w3.org/ns/tdmrep#mine}). <b>Reported:</b>
 * {@code uid}, the duties ({@code obtainConsent}, {@code compensate}), purpose constraints, and the
 * assigner's {@code vcard:fn} and {@code vcard:hasURL} (the licensing page).
 *
 * <p>A policy is an offer to license, never an allowance: the evidence states nothing and the
 * reservation it accompanies stays. A policy that cannot be read is failed evidence: the spec says
 * the agent must then assume there is currently no known way to obtain permission.
 */
public final class TdmPolicyReader {
  static final String PROFILE = "http://www.w3.org/ns/tdmrep";

  private TdmPolicyReader() {}

  /** Reads the policy fetched from {@code source}. */
  public static Evidence read(String json, String source) {
    Object root;
    try {
      root = Json.parse(json);
    } catch (JsonException e) {
      return failed(source, json, "not JSON: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> policy)) {
      return failed(source, json, "a TDM policy must be a JSON object");
    }
    if (!"Offer".equals(policy.get("@type"))) {
      return failed(source, json, "@type must be \"Offer\", got " + policy.get("@type"));
    }
    if (!PROFILE.equals(policy.get("profile"))) {
      return failed(source, json, "profile must be \"" + PROFILE + "\", got " + policy.get("profile"));
    }
    if (!(policy.get("permission") instanceof List<?> permissions) || permissions.isEmpty()) {
      return failed(source, json, "permission must be a non-empty array");
    }
    StringJoiner value = new StringJoiner("; ");
    value.add("Offer " + (policy.get("uid") instanceof String uid ? uid : "(no uid)"));
    if (policy.get("assigner") instanceof Map<?, ?> assigner) {
      if (assigner.get("vcard:fn") instanceof String fn) {
        value.add("assigner " + fn);
      }
      if (assigner.get("vcard:hasURL") instanceof String url) {
        value.add("licensing page " + url);
      }
    }
    for (int i = 0; i < permissions.size(); i++) {
      if (!(permissions.get(i) instanceof Map<?, ?> p)) {
        return failed(source, json, "permission " + (i + 1) + " is not an object");
      }
      Object action = p.get("action");
      if (!"tdm:mine".equals(action) && !"http://www.w3.org/ns/tdmrep#mine".equals(action)) {
        return failed(source, json, "permission " + (i + 1) + " action must be \"tdm:mine\", got " + action);
      }
      List<String> terms = new ArrayList<>();
      if (p.get("duty") instanceof List<?> duties) {
        for (Object d : duties) {
          if (d instanceof Map<?, ?> m && m.get("action") instanceof String a) {
            terms.add(a);
          }
        }
      }
      if (p.get("constraint") instanceof List<?> constraints) {
        for (Object c : constraints) {
          if (c instanceof Map<?, ?> m) {
            terms.add(m.get("leftOperand") + " " + m.get("operator") + " " + m.get("rightOperand"));
          }
        }
      }
      value.add("permission " + (i + 1) + ": tdm:mine" + (terms.isEmpty() ? "" : " with " + String.join(", ", terms)));
    }
    return Evidence.of(Standard.TDMREP, source, "policy", value.toString(), Map.of());
  }

  /** The evidence for a policy that could not be fetched: no known way to obtain permission. */
  public static Evidence unreachable(String source, String why) {
    return Evidence.failure(Standard.TDMREP, source, "policy", "(not read)", Map.of(),
        "policy not readable (" + why + "): no known way to obtain permission");
  }

  private static Evidence failed(String source, String json, String why) {
    String shown = json.length() > 200 ? json.substring(0, 200) + "…" : json;
    return Evidence.failure(Standard.TDMREP, source, "policy", shown, Map.of(),
        why + "; no known way to obtain permission");
  }
}
