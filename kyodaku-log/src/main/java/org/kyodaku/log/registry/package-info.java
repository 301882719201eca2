/**
 * The transparency log as the registry's {@link org.kyodaku.core.registry.ConsentLog}: each act
 * becomes a canonical entry (docs/log-entries.md), signed with the log's key on the author's
 * behalf, appended through the {@link org.kyodaku.log.sequencer.Sequencer} and acknowledged only
 * once a signed checkpoint covers it.
 */
@NullMarked
package org.kyodaku.log.registry;

import org.jspecify.annotations.NullMarked;
