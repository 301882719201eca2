package org.kyodaku.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the PostgreSQL server this JVM started for its tests, and deletes its directory, when the
 * JUnit launcher session closes: after the last test, before Surefire's fork says goodbye and
 * starts counting the 30 s it allows {@code System.exit} (see {@link PostgresTestServer}).
 * Registered in {@code META-INF/services}, so every module whose tests use the testkit gets it; in
 * one that started no server it does nothing.
 */
public final class PostgresSessionListener implements LauncherSessionListener {
  /** Instantiated by the JUnit Platform's service loader. */
  public PostgresSessionListener() {}

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    PostgresTestServer.stopShared();
  }
}
