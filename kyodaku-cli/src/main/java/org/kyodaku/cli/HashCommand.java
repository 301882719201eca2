package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kyodaku.fingerprint.FileFingerprints;
import org.kyodaku.fingerprint.MediaKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku hash}: print the fingerprints of files; works offline. A file that cannot be
 * read is reported on stderr and the others still get their lines; the exit code is then 1.
 */
@Command(name = "hash", description = "Print each file's fingerprints (offline; nothing is sent).")
final class HashCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object per file, with every fingerprint.")
  boolean json;

  @Option(names = "--frames", description = "With --json, list a video's per-frame PDQ hashes.")
  boolean frames;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to fingerprint.")
  List<Path> files;

  @Override
  public Integer call() {
    ObjectMapper mapper = new ObjectMapper();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Text text = Main.text(spec);
    boolean failed = false;
    for (FileHashes.Outcome o : FileHashes.fingerprintEach(files, Optional.empty(), err)) {
      if (o.error() != null) {
        err.println(text.message("error.line", o.error()));
        failed = true;
        continue;
      }
      FileFingerprints f = o.fingerprints();
      f.contentError().ifPresent(e -> err.println(text.message("hash.no-content", e)));
      // The human form is sha256sum's, so its output can be compared with standard tools.
      out.println(json ? view(mapper, f, frames) : f.sha256().value() + "  " + f.file());
      out.flush();
    }
    return failed ? CliException.FAILURE : 0;
  }

  static ObjectNode view(ObjectMapper mapper, FileFingerprints f, boolean frames) {
    ObjectNode o = mapper.createObjectNode().put("file", f.file().toString()).put("sha256", f.sha256().value());
    f.pdq().ifPresent(p -> o.put("pdq", p.hash().toHex()).put("pdqQuality", p.quality()));
    f.vpdq()
        .ifPresent(
            v -> {
              ObjectNode video = o.putObject("vpdq");
              video.put("algorithm", v.algorithm());
              video.put("frameCount", v.frameCount().orElse(v.features().size()));
              video.put("framesPerSecond", v.framesPerSecond());
              video.put("hashedFrames", v.features().size());
              if (frames) {
                var list = video.putArray("frames");
                v.features()
                    .forEach(
                        ft ->
                            list.addObject()
                                .put("frame", ft.frameNumber())
                                .put("quality", ft.quality())
                                .put("pdq", ft.pdqHash().toHex())
                                .put("seconds", ft.timestampSeconds()));
              }
            });
    ObjectNode iscc = o.putObject("iscc");
    if (f.kind() != MediaKind.OTHER && f.kind() != MediaKind.VIDEO) {
      iscc.put("meta", f.iscc().meta().text());
      f.iscc().content().ifPresent(c -> iscc.put("content", c.text()));
    }
    iscc.put("data", f.iscc().data().text());
    iscc.put("instance", f.iscc().instance().text());
    if (f.kind() != MediaKind.OTHER && f.kind() != MediaKind.VIDEO) {
      iscc.put("code", f.iscc().code().text());
    }
    f.contentError().ifPresent(e -> o.put("error", e));
    return o;
  }
}
