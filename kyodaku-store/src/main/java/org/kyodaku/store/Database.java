package org.kyodaku.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens the registry database: a connection pool over a JDBC URL, migrated to the current schema.
 *
 * <p>Two URL families are supported: {@code jdbc:h2:file:...} (the embedded default, see {@link
 * #embeddedUrl}) and {@code jdbc:postgresql://...}. Any other is refused, since the schema is
 * tested on these two only.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final String url;

  private Database(HikariDataSource pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /**
   * The embedded store's URL for a data directory. {@code WRITE_DELAY=0} makes every commit reach
   * the file before it is acknowledged, so a killed process loses nothing acknowledged; the file
   * lock keeps a second process from opening the same store.
   */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("registry")
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * Opens and migrates the database at {@code jdbcUrl}.
   *
   * @param poolSize the most connections held open at once
   * @throws StoreException when the URL is of an unsupported kind, the database cannot be reached,
   *     or migration fails; the message says which
   */
  public static Database open(String jdbcUrl, int poolSize) {
    if (!(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
      throw new StoreException(
          "unsupported database URL \""
              + redact(jdbcUrl)
              + "\": use jdbc:postgresql://HOST/DB (production) or leave --db out for the embedded"
              + " store",
          null);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("kyodaku");
    // Every use of a connection is one explicit transaction (JdbcRegistryStore.tx): handing them out
    // with auto-commit already off saves two driver calls per transaction on the decision path.
    config.setAutoCommit(false);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      migrate(jdbcUrl);
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException(
          "cannot migrate database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Database(pool, jdbcUrl);
  }

  /**
   * Migrates over connections of Flyway's own, not the pool's: Flyway holds one connection for its
   * lock while it migrates on another, which would deadlock a pool of size one.
   */
  private static void migrate(String jdbcUrl) {
    Flyway.configure()
        .dataSource(jdbcUrl, null, null)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The URL without its password, for logs and messages. */
  public String describe() {
    return redact(url);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  @Override
  public void close() {
    pool.close();
  }
}
