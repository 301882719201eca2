/**
 * The registry service: who may do what, and the steps of each act (create a party, register a
 * work, grant, revoke, decide), over a {@link org.kyodaku.core.registry.RegistryStore} port.
 *
 * <p>The HTTP server and the CLI are thin shells around {@link
 * org.kyodaku.core.registry.RegistryService}; the store adapters implement the port. Failures are
 * one exception type, {@link org.kyodaku.core.registry.RegistryException}, whose {@link
 * org.kyodaku.core.registry.RegistryException.Kind} the shells map to their own status codes.
 */
@NullMarked
package org.kyodaku.core.registry;

import org.jspecify.annotations.NullMarked;
