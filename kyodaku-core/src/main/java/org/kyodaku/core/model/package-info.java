/**
 * The registry's vocabulary: parties, works, assets and their fingerprints, grants and their
 * revocations, and the AI uses a grant can cover.
 *
 * <p>Every type here is an immutable value validated when it is built; a value that breaks a rule
 * raises {@link org.kyodaku.core.model.ValidationException} naming the field and quoting the value.
 * Names follow the glossary in DESIGN.md. The use vocabulary follows the IETF AI-preferences
 * working group (draft-ietf-aipref-vocab); see {@link org.kyodaku.core.model.Use}.
 */
@NullMarked
package org.kyodaku.core.model;

import org.jspecify.annotations.NullMarked;
