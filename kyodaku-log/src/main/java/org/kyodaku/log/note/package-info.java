/**
 * C2SP signed notes: parsing and formatting notes, Ed25519 note signatures (type {@code 0x01}) and
 * Ed25519 witness cosignatures (type {@code 0x04}, {@code cosignature/v1}), verifier and signer key
 * texts, and verification against a set of known keys.
 *
 * <p>Specifications: <a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>, <a
 * href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>. Parsing and verification
 * accept and reject what Go's {@code golang.org/x/mod/sumdb/note} {@code Open} does: signatures by
 * unknown keys are kept aside, a signature by a known key must verify, and at least one must. Every
 * rejection raises {@link org.kyodaku.log.note.NoteException}.
 *
 * <p>Cryptography is the JDK's ({@code KeyFactory}/{@code Signature} "Ed25519", RFC 8032); there is
 * no other dependency.
 */
@NullMarked
package org.kyodaku.log.note;

import org.jspecify.annotations.NullMarked;
