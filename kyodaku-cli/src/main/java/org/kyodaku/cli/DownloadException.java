package org.kyodaku.cli;

import java.io.IOException;

/**
 * Reading a log resource failed for a reason the CLI itself found (too large, too slow, an HTTP
 * error). It is an IOException because {@link org.kyodaku.log.tiles.TileReader} may only throw
 * those; it keeps its reason as a catalog message so that the CLI can word it in the user's
 * language where it catches it ({@link #reason}).
 */
final class DownloadException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Message reason;

  DownloadException(Message reason, Throwable cause) {
    super(reason.toString(), cause);
    this.reason = reason;
  }

  DownloadException(Message reason) {
    super(reason.toString());
    this.reason = reason;
  }

  /** Why {@code e} happened: its catalog message when it has one, else its own words. */
  static Object reason(IOException e) {
    return e instanceof DownloadException d ? d.reason : String.valueOf(e.getMessage());
  }
}
