/**
 * C2PA manifest stores (<a href="https://c2pa.org/specifications/">C2PA Technical Specification</a>,
 * JUMBF boxes per ISO/IEC 19566-5) and the training-and-data-mining assertion: {@code
 * c2pa.training-mining} (C2PA 1.3/1.4 §19.23, removed in 2.0) and {@code cawg.training-mining} (<a
 * href="https://cawg.io/training-and-data-mining/1.1/">CAWG 1.1</a>). The manifest's signature is
 * <em>not</em> verified; see {@link org.kyodaku.signals.c2pa.C2paReader} for what that means for
 * the answer.
 */
@NullMarked
package org.kyodaku.signals.c2pa;

import org.jspecify.annotations.NullMarked;
