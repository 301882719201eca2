/**
 * The HTTP load run: {@link org.kyodaku.benchmarks.load.LoadRun} fills a running server through
 * its API, then measures the batch decision endpoint (closed loop, decisions per second) and the
 * single decision endpoint (open loop at a fixed rate, latency from each request's intended send
 * time so that a stalled server cannot hide its stalls). Loopback only; every loop is bounded.
 */
@NullMarked
package org.kyodaku.benchmarks.load;

import org.jspecify.annotations.NullMarked;
