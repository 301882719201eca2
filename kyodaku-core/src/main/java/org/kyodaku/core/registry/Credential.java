package org.kyodaku.core.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token as the store keeps it: only its SHA-256, never the token itself.
 *
 * @param tokenHash lowercase hex SHA-256 of the token's UTF-8 bytes
 * @param party the party it authenticates
 * @param createdAt when it was issued
 * @param expiresAt from when it is refused, if it expires
 */
public record Credential(
    String tokenHash, String party, Instant createdAt, Optional<Instant> expiresAt) {}
