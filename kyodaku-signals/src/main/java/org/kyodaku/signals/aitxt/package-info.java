/**
 * Spawning {@code /ai.txt} (May 2023; robots.txt syntax over media paths, no formal
 * specification; see shared/research/signals.md §3.4 and <a
 * href="https://site.spawning.ai/spawning-ai-txt">the Spawning generator</a>). Entry point {@link
 * org.kyodaku.signals.aitxt.AiTxtReader}.
 */
@NullMarked
package org.kyodaku.signals.aitxt;

import org.jspecify.annotations.NullMarked;
