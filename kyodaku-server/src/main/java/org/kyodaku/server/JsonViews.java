package org.kyodaku.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.kyodaku.core.decision.Decision;
import org.kyodaku.core.decision.Evidence;
import org.kyodaku.core.model.Asset;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.Grant;
import org.kyodaku.core.model.Party;
import org.kyodaku.core.model.Use;
import org.kyodaku.core.model.Work;
import org.kyodaku.core.registry.Receipt;
import org.kyodaku.core.registry.RegistryService.RegisteredWork;
import org.kyodaku.core.registry.Subject;

/** The JSON form of each record, field names as documented in openapi.json. */
final class JsonViews {
  private final ObjectMapper json;

  JsonViews(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode party(Party p) {
    ObjectNode o = json.createObjectNode();
    o.put("id", p.id());
    o.put("kind", p.kind().label());
    o.put("name", p.name());
    o.put("createdAt", p.createdAt().toString());
    return o;
  }

  ObjectNode work(Work w) {
    ObjectNode o = json.createObjectNode();
    o.put("id", w.id());
    o.put("title", w.title());
    o.put("kind", w.kind().label());
    o.put("owner", w.owner());
    o.put("registeredAt", w.registeredAt().toString());
    return o;
  }

  /** A work just registered: with its assets and the conflicts found on registration. */
  ObjectNode registered(RegisteredWork rw) {
    ObjectNode o = work(rw);
    ArrayNode conflicts = o.putArray("conflicts");
    for (var c : rw.conflicts()) {
      conflicts
          .addObject()
          .put("asset", c.asset())
          .put("work", c.work())
          .put("owner", c.owner())
          .put("algorithm", c.algorithm())
          .put("distance", c.distance());
    }
    return o;
  }

  ObjectNode work(RegisteredWork rw) {
    ObjectNode o = work(rw.work());
    ArrayNode assets = o.putArray("assets");
    for (Asset a : rw.assets()) {
      ObjectNode asset = assets.addObject();
      putOptional(asset, "file", a.file());
      asset.put("sha256", a.sha256().value());
      ArrayNode prints = asset.putArray("fingerprints");
      for (Fingerprint f : a.fingerprints()) {
        prints.addObject().put("algorithm", f.algorithm()).put("value", f.value());
      }
      // A summary: the frames themselves can be thousands of lines.
      a.video()
          .ifPresent(
              v ->
                  asset
                      .putObject("vpdq")
                      .put("algorithm", v.algorithm())
                      .put("framesPerSecond", v.framesPerSecond())
                      .put("hashedFrames", v.frames().size())
                      .put("framesDigest", v.digest()));
    }
    return o;
  }

  ObjectNode grant(Grant g) {
    ObjectNode o = json.createObjectNode();
    o.put("id", g.id());
    o.put("grantor", g.grantor());
    o.put("licensee", g.licensee().orElse(Grant.EVERYONE));
    ArrayNode uses = o.putArray("uses");
    g.uses().stream().map(Use::label).forEach(uses::add);
    o.put("allWorks", g.allWorks());
    strings(o.putArray("works"), g.works());
    o.put("validFrom", g.validFrom().toString());
    putOptional(o, "validUntil", g.validUntil().map(Instant::toString));
    strings(o.putArray("territories"), g.territories());
    putOptional(o, "termsUrl", g.termsUrl());
    o.put("issuedAt", g.issuedAt().toString());
    if (g.revocation().isPresent()) {
      var r = g.revocation().get();
      ObjectNode rev = o.putObject("revocation");
      rev.put("revokedAt", r.revokedAt().toString());
      rev.put("revokedBy", r.revokedBy());
      putOptional(rev, "reason", r.reason());
    } else {
      o.putNull("revocation");
    }
    return o;
  }

  ObjectNode decision(Decision d, Subject subject) {
    ObjectNode o = json.createObjectNode();
    switch (subject) {
      case Subject.Content c -> c.sha256().ifPresent(f -> o.put(Fingerprint.SHA256, f.value()));
      case Subject.WorkRef w -> o.put("subjectWork", w.workId());
    }
    o.put("decision", d.verdict().label());
    o.put("basis", d.basis().label());
    putOptional(o, "work", d.work());
    putOptional(o, "grant", d.grant());
    strings(o.putArray("matchedWorks"), d.matchedWorks());
    o.put("profile", d.profile().label());
    o.put("licensee", d.question().licensee());
    o.put("use", d.question().use().label());
    o.put("at", d.question().at().toString());
    putOptional(o, "territory", d.question().territory());
    ArrayNode evidence = o.putArray("evidence");
    for (Evidence e : d.evidence()) {
      ObjectNode item = evidence.addObject().put("work", e.work()).put("algorithm", e.algorithm()).put("distance", e.distance());
      e.frames()
          .ifPresent(
              f ->
                  item.put("queryMatchPercent", f.queryMatchPercent())
                      .put("registeredMatchPercent", f.registeredMatchPercent()));
    }
    return o;
  }

  /**
   * A receipt document (docs/receipts.md): the decision, the entries it rests on with their
   * tlog-proofs, and the checkpoint they are all against.
   */
  ObjectNode receipt(Receipt r, Subject subject) {
    ObjectNode o = json.createObjectNode();
    o.put("type", Receipt.TYPE);
    o.set("decision", decision(r.decision(), subject));
    ArrayNode entries = o.putArray("entries");
    for (Receipt.Entry e : r.entries()) {
      entries
          .addObject()
          .put("role", e.role().label())
          .put("id", e.id())
          .put("index", e.index())
          .put("entry", e.entry())
          .put("proof", e.proof());
    }
    o.put("checkpoint", r.checkpoint());
    strings(o.putArray("unlogged"), r.unlogged());
    r.map()
        .ifPresent(
            m -> {
              ObjectNode map = o.putObject("map").put("index", m.index()).put("entry", m.entry()).put("proof", m.proof());
              ArrayNode works = map.putArray("works");
              for (Receipt.WorkGrants w : m.works()) {
                ObjectNode work = works.addObject().put("work", w.work()).put("proof", w.proof());
                strings(work.putArray("grants"), w.grants());
              }
              m.next().ifPresent(n -> map.putObject("next").put("index", n.index()).put("entry", n.entry()).put("proof", n.proof()));
            });
    o.put("grantAbsence", r.grantAbsence().label());
    o.put("grantCurrent", r.grantCurrent().label());
    return o;
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    values.forEach(array::add);
  }

  private static void putOptional(ObjectNode o, String field, Optional<String> value) {
    if (value.isPresent()) {
      o.put(field, value.get());
    } else {
      o.putNull(field);
    }
  }
}
