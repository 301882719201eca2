/**
 * Fingerprints computed where the content is, so that only fingerprints travel: SHA-256 now;
 * PDQ, vPDQ and ISCC join here (fingerprint issue), each named with its algorithm and version.
 */
@NullMarked
package org.kyodaku.fingerprint;

import org.jspecify.annotations.NullMarked;
