package org.kyodaku.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for tests: one per test JVM, started on first use on a free loopback
 * port from the machine's PostgreSQL binaries, with a fresh database per caller.
 *
 * <p>Where it comes from, in order:
 *
 * <ol>
 *   <li>{@code KYODAKU_TEST_PG_URL}: an already running server, as a JDBC URL of a database the
 *       tests may create databases from (e.g. {@code
 *       jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret}).
 *   <li>{@code KYODAKU_PG_BIN}, or else the newest {@code /usr/lib/postgresql/N/bin}: binaries from
 *       which a throwaway cluster is made in a temporary directory.
 * </ol>
 *
 * <p>A cluster of our own is stopped ({@code pg_ctl stop -m immediate}: nothing in it is worth a
 * checkpoint) and its directory deleted when the JUnit launcher session ends ({@link
 * PostgresSessionListener}), that is while the test run is still under way. Not in a JVM shutdown
 * hook: Surefire gives a forked JVM 30 s from {@code System.exit} and then kills it, and tens of
 * thousands of files (every test database is a copy of {@code template1}) on a busy machine did
 * not always go in time, leaving servers running and directories half deleted. The hook stays
 * for a JVM that never closes a session, and does nothing when the session already cleaned up.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (as CI does), the cluster is
 * owned by and run as the unprivileged {@code postgres} user (or {@code nobody}) through {@code
 * runuser}. Durability settings are relaxed ({@code fsync=off}): the tests exercise SQL semantics
 * and transactions, not crash recovery of the disk.
 */
public final class PostgresTestServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresTestServer shared;

  private final String adminUrl;
  private final String baseUrl;
  private final Optional<Cluster> cluster;

  private PostgresTestServer(String adminUrl, String baseUrl, Optional<Cluster> cluster) {
    this.adminUrl = adminUrl;
    this.baseUrl = baseUrl;
    this.cluster = cluster;
  }

  /** The server of this JVM, started on first call. */
  public static synchronized PostgresTestServer shared() {
    if (shared == null) {
      String external = System.getenv("KYODAKU_TEST_PG_URL");
      shared = external != null && !external.isBlank() ? external(external) : startLocal();
    }
    return shared;
  }

  /**
   * Stops the server this JVM started, if any, and deletes its directory; a later {@link #shared}
   * starts a new one. An external server ({@code KYODAKU_TEST_PG_URL}) is left running.
   */
  static synchronized void stopShared() {
    if (shared != null) {
      shared.cluster.ifPresent(Cluster::remove);
      shared = null;
    }
  }

  /** The directory of the cluster this JVM started, if it started one (for tests of this class). */
  Optional<Path> directory() {
    return cluster.map(Cluster::dir);
  }

  /** A JDBC URL (with credentials) of a new, empty database on this server. */
  public String newDatabase() {
    String name = "kyodaku_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
    }
    return baseUrl.replace("{db}", name);
  }

  private static PostgresTestServer external(String url) {
    int q = url.indexOf('?');
    String query = q < 0 ? "" : url.substring(q);
    String prefix = url.substring(0, q < 0 ? url.length() : q);
    String base = prefix.substring(0, prefix.lastIndexOf('/') + 1) + "{db}" + query;
    return new PostgresTestServer(url, base, Optional.empty());
  }

  private static PostgresTestServer startLocal() {
    Path bin = findBinaries();
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      String user = root ? (userExists("postgres") ? "postgres" : "nobody") : null;
      Path dir = Files.createTempDirectory("kyodaku-pg-");
      Path data = dir.resolve("data");
      if (user != null) {
        run(List.of("chown", user, dir.toString()), null, dir);
      }
      run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D", data.toString(),
              "-U", "postgres",
              "-A", "trust",
              "-E", "UTF8",
              "--locale=C",
              "--no-sync"),
          user,
          dir);
      int port = freePort();
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D", data.toString(),
              "-l", dir.resolve("server.log").toString(),
              "-w",
              "-t", "60",
              "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                  + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
              "start"),
          user,
          dir);
      Cluster cluster = new Cluster(bin, user, dir, new AtomicBoolean());
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::remove, "kyodaku-pg-cleanup"));
      String host = "jdbc:postgresql://127.0.0.1:" + port + "/";
      return new PostgresTestServer(host + "postgres?user=postgres", host + "{db}?user=postgres", Optional.of(cluster));
    } catch (IOException e) {
      throw new IllegalStateException("could not start PostgreSQL from " + bin + ": " + e.getMessage(), e);
    }
  }

  private static Path findBinaries() {
    String env = System.getenv("KYODAKU_PG_BIN");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found =
            versions
                .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                .max(Comparator.comparingInt(PostgresTestServer::version));
        if (found.isPresent()) {
          return found.get().resolve("bin");
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not list " + root, e);
      }
    }
    throw new IllegalStateException(
        "The PostgreSQL tests need a real PostgreSQL server: install one (Debian: apt-get install"
            + " postgresql), or set KYODAKU_PG_BIN to its bin directory, or KYODAKU_TEST_PG_URL to"
            + " a running server's JDBC URL.");
  }

  private static int version(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean userExists(String name) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void run(List<String> command, @Nullable String user, Path dir) {
    List<String> full = new ArrayList<>();
    if (user != null) {
      full.addAll(List.of("runuser", "-u", user, "--"));
    }
    full.addAll(command);
    try {
      Path log = Files.createTempFile("kyodaku-pg-cmd-", ".log");
      Process p =
          new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", full));
      }
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "failed (exit " + p.exitValue() + "): " + String.join(" ", full) + "\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + String.join(" ", full) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + full.getFirst(), e);
    }
  }

  /** A throwaway cluster in {@code dir} (its data in {@code dir/data}), run as {@code user}. */
  private record Cluster(Path bin, @Nullable String user, Path dir, AtomicBoolean removed) {
    /** Stops the server and deletes the directory, once, whoever asks first. */
    void remove() {
      if (!removed.compareAndSet(false, true)) {
        return;
      }
      try {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"), user, dir);
      } catch (RuntimeException e) {
        // Deleting the files of a server still running would break it, not stop it; a server that
        // is gone (its pid file with it) leaves nothing to stop.
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
          System.err.println("PostgreSQL test server in " + dir + " did not stop; left in place: " + e.getMessage());
          return;
        }
      }
      deleteTree(dir);
    }
  }

  /** Deletes {@code dir} depth first, in one walk (no list of every path to sort). */
  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("could not delete the PostgreSQL test directory " + dir + ": " + e.getMessage());
    }
  }
}
