package org.kyodaku.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.checkpoint.VerifiedCheckpoint;
import org.kyodaku.log.merkle.ConsistencyProof;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.NoteException;
import org.kyodaku.log.note.NoteSignature;
import org.kyodaku.log.note.VerifierKey;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kyodaku receipt witness}: adds to a receipt the registry's latest cosigned checkpoint and
 * the consistency proof from the receipt's checkpoint to it ({@link ReceiptWitnessVerifier}), so
 * that {@code receipt verify --witness ... --quorum K} can check offline that the receipt's tree was
 * witnessed.
 */
@Command(
    name = "witness",
    description = {
      "Add witnessing to a receipt: the server's latest cosigned checkpoint and the consistency",
      "proof from the receipt's checkpoint to it, both verified under KEY before the receipt is",
      "rewritten (atomically; nothing else in it changes; an earlier witnessed member is replaced).",
      "Run it once witnesses have cosigned a checkpoint at least as large as the receipt's."
    })
final class ReceiptWitnessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RECEIPT", description = "A receipt file (*.receipt.json).")
  Path receipt;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:KYODAKU_SERVER:-http://127.0.0.1:8080}", description = "Registry server (default ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "The log's verifier key line (GET /log/key), or a file holding it.")
  String key;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the witnessed receipt to FILE instead of rewriting RECEIPT.")
  Path out;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    VerifierKey logKey = LogCommand.key(key);
    CheckpointVerifier verifier = CheckpointVerifier.forLog(logKey);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode document;
    try {
      JsonNode read = mapper.readTree(Files.readString(receipt, StandardCharsets.UTF_8));
      if (read == null || !read.isObject() || !read.path("checkpoint").isTextual()) {
        throw CliException.failure("receipt.in-file", receipt, Message.of("witness.not-a-receipt"));
      }
      document = (ObjectNode) read;
    } catch (JsonProcessingException e) {
      throw CliException.failure("receipt.in-file", receipt, Message.of("receipt.not-json", e.getOriginalMessage()));
    } catch (IOException e) {
      throw CliException.failure("file.unreadable", receipt, e.getMessage());
    }
    Checkpoint own;
    try {
      own = verifier.verify(document.path("checkpoint").asText()).checkpoint();
    } catch (CheckpointException | NoteException e) {
      throw CliException.failure(
          "receipt.in-file", receipt, Message.of("receipt.checkpoint-not-signed", logKey.name(), e.getMessage()));
    }
    LogCommand.Remote remote = new LogCommand.Remote(server);
    String cosigned;
    try {
      cosigned = new String(remote.read("cosigned-checkpoint"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.failure("witness.none-yet", server);
    } catch (IOException e) {
      throw CliException.failure("download.failed", server + "/log/cosigned-checkpoint", DownloadException.reason(e));
    }
    VerifiedCheckpoint later;
    try {
      later = verifier.verify(cosigned);
    } catch (CheckpointException | NoteException e) {
      throw CliException.failure("witness.cosigned-not-signed", logKey.name(), e.getMessage());
    }
    long from = own.size();
    long to = later.checkpoint().size();
    if (to < from) {
      throw CliException.failure("witness.cosigned-older", to, from);
    }
    List<Hash> proof;
    try {
      proof = from == to || from == 0
          ? List.of()
          : MerkleTree.over(TileHashSource.of(remote, to)).consistencyProof(from, to).hashes();
      if (from > 0) {
        MerkleVerifier.verifyConsistency(new ConsistencyProof(from, to, proof), own.root(), later.checkpoint().root());
      }
    } catch (MerkleException | TileException e) {
      throw CliException.failure("witness.cosigned-inconsistent", from, to, e.getMessage());
    }
    document.set(ReceiptWitnessVerifier.MEMBER, ReceiptWitnessVerifier.member(mapper, cosigned, proof));
    Path target = (out == null ? receipt : out).toAbsolutePath();
    try {
      // The user's own receipt is replaced: after a crash it must be the old file or the new one.
      org.kyodaku.log.sequencer.DurableFiles.writeAtomically(
          target, (document.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
      org.kyodaku.log.sequencer.DurableFiles.syncDirectory(target.getParent());
    } catch (IOException e) {
      throw CliException.failure("file.cannot-write", target, e.getMessage());
    }
    // Not verified here (this command is not told which witnesses to trust; receipt verify is).
    List<String> cosigners = later.note().unverified().stream().map(NoteSignature::name).distinct().toList();
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = mapper.createObjectNode().put("receipt", target.toString()).put("from", from).put("to", to);
      cosigners.forEach(o.putArray("cosigners")::add);
      stdout.println(o);
    } else {
      stdout.println(Main.text(spec).message("witness.added", target, to, cosigners, from));
    }
    stdout.flush();
    return 0;
  }

  /** The {@code witnessed} part of {@code receipt verify --json}. */
  static ObjectNode view(ReceiptWitnessVerifier.Witnessed w) {
    ObjectNode o = new ObjectMapper().createObjectNode().put("size", w.size()).put("quorum", w.quorum());
    var list = o.putArray("cosignatures");
    for (ReceiptWitnessVerifier.Cosignature c : w.cosignatures()) {
      ObjectNode e = list.addObject().put("witness", c.witness());
      c.time().ifPresentOrElse(t -> e.put("time", t.toString()), () -> e.putNull("time"));
    }
    return o;
  }

  /** The text line of {@code receipt verify} for a witnessed receipt. */
  static String describe(ReceiptWitnessVerifier.Witnessed w, Text text) {
    List<String> who = w.cosignatures().stream()
        .map(c -> c.time().map(t -> text.message("witness.cosigned-at", c.witness(), t)).orElse(c.witness()))
        .toList();
    return text.message("witness.verified", w.cosignatures().size(), w.quorum(), w.size(), who);
  }
}
