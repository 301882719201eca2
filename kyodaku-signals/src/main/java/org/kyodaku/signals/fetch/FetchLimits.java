package org.kyodaku.signals.fetch;

import java.time.Duration;
import org.kyodaku.signals.robots.RobotsTxt;

/**
 * The limits every fetch runs under, validated once.
 *
 * @param connectTimeout how long opening a connection may take
 * @param timeout how long one fetch may take in all: every redirect, the headers and the whole
 *     body (a server that trickles bytes is cut off here)
 * @param maxRedirects how many redirects one fetch follows; RFC 9309 §2.3.1.2 asks for at least 5
 * @param maxDocumentBytes the largest {@code tdmrep.json}, {@code ai.txt}, TDM policy or RSL
 *     document read (robots.txt has its own cap: {@link RobotsTxt#LIMIT}, beyond which it is cut)
 * @param maxResourceBytes the largest resource (page, image, PDF) read for its embedded signals
 * @param maxLicences how many RSL licence documents one URL's check fetches
 */
public record FetchLimits(
    Duration connectTimeout,
    Duration timeout,
    int maxRedirects,
    int maxDocumentBytes,
    long maxResourceBytes,
    int maxLicences) {

  /** 5 s to connect, 20 s per fetch, 5 redirects, 1 MiB documents, 64 MiB resources, 4 licences. */
  public static final FetchLimits DEFAULT =
      new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), 5, 1 << 20, 64L << 20, 4);

  public FetchLimits {
    positive("connectTimeout", connectTimeout);
    positive("timeout", timeout);
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("maxRedirects must be 0 to 20, got " + maxRedirects);
    }
    if (maxDocumentBytes < 1024) {
      throw new IllegalArgumentException("maxDocumentBytes must be at least 1024, got " + maxDocumentBytes);
    }
    if (maxResourceBytes < 1024 || maxResourceBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxResourceBytes must be 1024 to " + (Integer.MAX_VALUE - 8) + ", got " + maxResourceBytes);
    }
    if (maxLicences < 0 || maxLicences > 32) {
      throw new IllegalArgumentException("maxLicences must be 0 to 32, got " + maxLicences);
    }
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  /** These limits with another per-fetch timeout. */
  public FetchLimits withTimeout(Duration t) {
    return new FetchLimits(connectTimeout.compareTo(t) < 0 ? connectTimeout : t, t, maxRedirects,
        maxDocumentBytes, maxResourceBytes, maxLicences);
  }

  /** These limits with another redirect limit. */
  public FetchLimits withMaxRedirects(int n) {
    return new FetchLimits(connectTimeout, timeout, n, maxDocumentBytes, maxResourceBytes, maxLicences);
  }

  /** These limits with another resource size cap. */
  public FetchLimits withMaxResourceBytes(long n) {
    return new FetchLimits(connectTimeout, timeout, maxRedirects, maxDocumentBytes, n, maxLicences);
  }

  /** These limits with another document size cap. */
  public FetchLimits withMaxDocumentBytes(int n) {
    return new FetchLimits(connectTimeout, timeout, maxRedirects, n, maxResourceBytes, maxLicences);
  }
}
