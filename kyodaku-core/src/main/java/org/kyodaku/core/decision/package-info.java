/**
 * The opt-in decision rules: given what the registry knew at an instant, may a licensee use some
 * content or work for some use there?
 *
 * <p>The rules are one pure function, {@link org.kyodaku.core.decision.DecisionEngine#decide}; the
 * store only gathers candidate facts, and this package alone says what they mean. Default is deny:
 * {@code allow} needs a grant that is explicit, current at the asked instant and issued by the
 * work's rights holder.
 */
@NullMarked
package org.kyodaku.core.decision;

import org.jspecify.annotations.NullMarked;
