package org.kyodaku.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.kyodaku.store.Database;

/** The API contract over the embedded H2 file store. */
class H2ApiTest extends ApiContract {
  @TempDir Path dir;

  @Override
  String newDatabaseUrl() {
    return Database.embeddedUrl(dir);
  }
}
