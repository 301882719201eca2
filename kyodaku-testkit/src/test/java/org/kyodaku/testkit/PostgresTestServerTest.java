package org.kyodaku.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;

/** The throwaway server goes away with the test run, files and process, and not later. */
class PostgresTestServerTest {
  @Test
  void launcherSessionClosed_stopsTheServerAndDeletesItsDirectory_nextCallerGetsANewOne() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    assumeTrue(server.directory().isPresent(), "an external server (KYODAKU_TEST_PG_URL) is not ours to stop");
    Path dir = server.directory().get();
    String url = server.newDatabase();
    assertThat(selectOne(url)).isEqualTo(1);
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).getFirst().strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

    // What Surefire does after the last test of a run.
    LauncherFactory.openSession().close();

    assertThat(dir).doesNotExist();
    // pg_ctl returns once the server removed its pid file, its last act before it exits.
    Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
    if (postmaster.isPresent()) {
      postmaster.get().onExit().get(10, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> selectOne(url)).isInstanceOf(SQLException.class);

    PostgresTestServer again = PostgresTestServer.shared();
    assertThat(again.directory()).isPresent().isNotEqualTo(Optional.of(dir));
    assertThat(selectOne(again.newDatabase())).isEqualTo(1);
  }

  private static int selectOne(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1")) {
      r.next();
      return r.getInt(1);
    }
  }
}
