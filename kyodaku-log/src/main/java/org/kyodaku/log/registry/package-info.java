/**
 * The transparency log as the registry uses it. {@link org.kyodaku.log.registry.RegistryLog} wires
 * the {@link org.kyodaku.log.sequencer.Sequencer} with the verifiable map of grant sets
 * (docs/verifiable-map.md), whose root ends every batch as a {@code map-root} entry; {@link
 * org.kyodaku.log.registry.LogRecorder} is the registry's {@link
 * org.kyodaku.core.registry.ConsentLog} (each act a canonical entry, docs/log-entries.md, signed
 * with the log's key on the author's behalf and acknowledged once a signed checkpoint covers it);
 * {@link org.kyodaku.log.registry.LogReceipts} proves decisions (docs/receipts.md); {@link
 * org.kyodaku.log.registry.LogReplay} stores logged acts the store lacks (ADR 0007); {@link
 * org.kyodaku.log.registry.LogAudit} checks a copy of the whole log (what {@code kyodaku log
 * mirror} runs).
 */
@NullMarked
package org.kyodaku.log.registry;

import org.jspecify.annotations.NullMarked;
