package org.kyodaku.fingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kyodaku.core.model.Fingerprint;
import org.kyodaku.core.model.FrameHashes;
import org.kyodaku.fingerprint.iscc.IsccCode;
import org.kyodaku.fingerprint.pdq.PdqResult;
import org.kyodaku.fingerprint.vpdq.VpdqResult;

/**
 * Every fingerprint of one file. Exact ones (SHA-256, ISCC Data and Instance codes) exist for any
 * file; content ones (PDQ, an ISCC Content-Code) only where the file could be decoded, and {@link
 * #contentError()} says why not otherwise.
 *
 * @param vpdq per-frame PDQ hashes of a video
 * @param iscc the ISCC units: Meta, Content (if any), Data, Instance, and the composite ISCC-CODE
 */
public record FileFingerprints(
    Path file,
    MediaKind kind,
    Fingerprint sha256,
    Optional<PdqResult> pdq,
    Optional<VpdqResult> vpdq,
    Iscc iscc,
    Optional<String> contentError) {

  /** The ISCC codes of a file. */
  public record Iscc(
      IsccCode meta, Optional<IsccCode> content, IsccCode data, IsccCode instance, IsccCode code) {}

  /**
   * A video's frame hashes for the registry, when it gave at least one frame.
   *
   * @throws org.kyodaku.core.model.ValidationException when the video has more frames than the
   *     registry takes ({@link FrameHashes#MAX_FRAMES}) or an implausible frame rate
   */
  public Optional<FrameHashes> frameHashes() {
    return vpdq.filter(v -> !v.features().isEmpty())
        .map(
            v ->
                new FrameHashes(
                    v.algorithm(),
                    v.framesPerSecond(),
                    v.features().stream()
                        .map(f -> new FrameHashes.Frame(f.frameNumber(), f.quality(), f.pdqHash().toHex()))
                        .toList()));
  }

  /** All fingerprints for the registry, one per algorithm, SHA-256 first. */
  public List<Fingerprint> all() {
    List<Fingerprint> out = new ArrayList<>();
    out.add(sha256);
    pdq.ifPresent(p -> out.add(p.hash().toFingerprint()));
    out.add(iscc.meta().fingerprint());
    iscc.content().ifPresent(c -> out.add(c.fingerprint()));
    out.add(iscc.data().fingerprint());
    out.add(iscc.instance().fingerprint());
    out.add(iscc.code().fingerprint());
    return out;
  }
}
