package org.kyodaku.store;

import org.kyodaku.testkit.PostgresTestServer;

/** The store contract on a real PostgreSQL server. */
class PostgresRegistryStoreTest extends RegistryStoreContract {
  private String url;

  @Override
  String newDatabaseUrl() {
    url = PostgresTestServer.shared().newDatabase();
    return url;
  }

  @Override
  String currentUrl() {
    return url;
  }
}
