package org.kyodaku.server;

/**
 * How the server listens; validated when built.
 *
 * @param host the address to bind (loopback by default)
 * @param port the TCP port; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
  public static final int DEFAULT_PORT = 8080;
  /** Room for a full batch of 10,000 decision items with long ids, and little more. */
  public static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
    }
  }

  /** {@code http://host:port} for a server bound as configured and listening on {@code port}. */
  public String baseUrl(int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_BODY);
  }
}
