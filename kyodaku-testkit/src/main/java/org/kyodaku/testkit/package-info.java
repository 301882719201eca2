/**
 * Test support that starts real things: a throwaway PostgreSQL server, never a mock of one. Only
 * test scopes depend on this module.
 */
@NullMarked
package org.kyodaku.testkit;

import org.jspecify.annotations.NullMarked;
