package org.kyodaku.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file store. */
class H2RegistryStoreTest extends RegistryStoreContract {
  @TempDir Path dir;
  private String url;

  @Override
  String newDatabaseUrl() {
    url = Database.embeddedUrl(dir);
    return url;
  }

  @Override
  String currentUrl() {
    return url;
  }
}
