package org.kyodaku.server;

import org.kyodaku.testkit.PostgresTestServer;

/** The API contract over a real PostgreSQL server. */
class PostgresApiTest extends ApiContract {
  @Override
  String newDatabaseUrl() {
    return PostgresTestServer.shared().newDatabase();
  }
}
