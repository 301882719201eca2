/**
 * The HTTP API: a thin shell that turns JSON requests into {@link
 * org.kyodaku.core.registry.RegistryService} acts and their results or failures into JSON.
 *
 * <p>Errors are RFC 9457 problem details ({@code application/problem+json}); the document of every
 * path is {@code /openapi.json} (OpenAPI 3.1). Problem titles follow the request's {@code
 * Accept-Language}: Japanese or English.
 */
@NullMarked
package org.kyodaku.server;

import org.jspecify.annotations.NullMarked;
