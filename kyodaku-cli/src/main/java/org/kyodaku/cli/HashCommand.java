package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kyodaku.fingerprint.Sha256Hasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kyodaku hash}: print the fingerprints of files; works offline. */
@Command(name = "hash", description = "Print each file's fingerprints (offline; nothing is sent).")
final class HashCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object per line.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE")
  List<Path> files;

  @Override
  public Integer call() {
    ObjectMapper mapper = new ObjectMapper();
    Sha256Hasher hasher = new Sha256Hasher();
    var out = spec.commandLine().getOut();
    for (Path file : files) {
      String sha = FileHashes.hash(hasher, file);
      ObjectNode o = mapper.createObjectNode().put("file", file.toString()).put("sha256", sha);
      // Human form matches sha256sum's, so its output can be compared with standard tools.
      out.println(json ? o.toString() : sha + "  " + file);
      out.flush();
    }
    return 0;
  }
}
