/**
 * The {@code kyodaku} command: client commands that talk to a registry server over HTTP, {@code
 * hash} which works offline, and {@code serve} which starts the server.
 *
 * <p>Contract (scripts rely on it): with {@code --json} every command prints one JSON object per
 * line on stdout; errors go to stderr as one line; exit 0 on success, 2 on bad usage, 1 on any
 * other failure. Human-readable output follows the locale ({@code LANG=ja_JP.UTF-8}: Japanese).
 */
@NullMarked
package org.kyodaku.cli;

import org.jspecify.annotations.NullMarked;
