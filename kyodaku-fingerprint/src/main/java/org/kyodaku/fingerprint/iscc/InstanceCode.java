package org.kyodaku.fingerprint.iscc;

/**
 * An Instance-Code with the full checksum and the size of the data.
 *
 * @param code the Instance-Code ({@code iscc-instance-v0}): the first bits of the BLAKE3 digest
 * @param datahash the whole BLAKE3-256 digest as a multihash, {@code 1e20} + 64 hex digits
 * @param filesize number of bytes hashed
 */
public record InstanceCode(IsccCode code, String datahash, long filesize) {}
