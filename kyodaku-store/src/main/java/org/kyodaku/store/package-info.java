/**
 * The registry store on JDBC: an embedded H2 file by default, PostgreSQL in production, one
 * Flyway-migrated schema for both (see docs/adr/0001-embedded-store.md).
 *
 * <p>{@link org.kyodaku.store.Database} opens a pool and migrates; {@link
 * org.kyodaku.store.JdbcRegistryStore} implements {@link org.kyodaku.core.registry.RegistryStore},
 * each method in one transaction.
 */
@NullMarked
package org.kyodaku.store;

import org.jspecify.annotations.NullMarked;
