package org.kyodaku.server;

import java.nio.file.Path;

/**
 * What the server publishes of the transparency log under {@code /log/}: the sequencer's
 * directory (C2SP tlog-tiles layout: {@code checkpoint}, {@code tile/...}) and the log's verifier
 * key line.
 */
public record LogPublication(Path directory, String verifierKey) {}
