/**
 * The transparency-log benchmark ({@link org.kyodaku.benchmarks.log.LogBench}, run by {@code
 * bench/log.sh}; results in docs/benchmarks.md).
 */
@NullMarked
package org.kyodaku.benchmarks.log;

import org.jspecify.annotations.NullMarked;
