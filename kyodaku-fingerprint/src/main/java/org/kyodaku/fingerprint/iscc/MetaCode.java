package org.kyodaku.fingerprint.iscc;

import java.util.Optional;

/**
 * A Meta-Code with the normalised inputs it was computed from.
 *
 * @param code the Meta-Code ({@code iscc-meta-v0})
 * @param name the title after normalisation (never empty)
 * @param description the description after normalisation, if any is left
 * @param meta the extended metadata as a {@code data:} URL, if any was given
 * @param metahash BLAKE3-256 multihash ({@code 1e20} + 64 hex digits) of the metadata payload,
 *     or of name and description
 */
public record MetaCode(
    IsccCode code,
    String name,
    Optional<String> description,
    Optional<String> meta,
    String metahash) {}
