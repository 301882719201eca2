package org.kyodaku.log.entry;

import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleHasher;

/**
 * An {@link Entry} with its {@link EntrySignature}: what the log stores. Its canonical bytes
 * ({@link #toBytes()}) are the log entry; their RFC 9162 leaf hash is {@link #leafHash()}.
 * Construction checks shape only; {@link EntryVerifier} checks the signature.
 */
public record SignedEntry(Entry entry, EntrySignature signature) {
  /** The canonical bytes (see {@link EntryWriter}). */
  public byte[] toBytes() {
    return EntryWriter.write(this);
  }

  /** {@code SHA-256(0x00 || toBytes())}. */
  public Hash leafHash() {
    return MerkleHasher.leafHash(toBytes());
  }
}
