package org.kyodaku.server;

import java.nio.file.Path;
import java.util.Optional;
import org.kyodaku.log.witness.CosignatureStore;

/**
 * What the server publishes of the transparency log under {@code /log/}: the sequencer's
 * directory (C2SP tlog-tiles layout: {@code checkpoint}, {@code tile/...}), the log's verifier
 * key line and, when witnesses are configured, their cosignatures (docs/witnesses.md).
 */
public record LogPublication(Path directory, String verifierKey, Optional<CosignatureStore> witnesses) {
  /** A log published without witnesses. */
  public LogPublication(Path directory, String verifierKey) {
    this(directory, verifierKey, Optional.empty());
  }
}
