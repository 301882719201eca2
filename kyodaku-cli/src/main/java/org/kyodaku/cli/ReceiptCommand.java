package org.kyodaku.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kyodaku receipt}: check decision receipts offline (docs/receipts.md). */
@Command(
    name = "receipt",
    description = "Verify decision receipts offline (no server, no token), and add witness cosignatures to them.",
    subcommands = {ReceiptCommand.Verify.class, ReceiptWitnessCommand.class})
final class ReceiptCommand {

  @Command(
      name = "verify",
      description = {
        "Verify a receipt written by kyodaku check --receipt-dir: the checkpoint is signed by KEY,",
        "every entry is signed and included in that checkpoint's tree, and the entries are the",
        "grant and work the decision names. Exit 0 only when everything verifies.",
        "A no-grant deny receipt with map evidence also proves that no grant in the work's",
        "current grant set covered the question (grantAbsence: proven).",
        "An allow receipt with map evidence also proves that its grant was in the work's",
        "current grant set at the decision's instant, not revoked before it (grantCurrent: proven)."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECEIPT", description = "A receipt file (*.receipt.json).")
    Path receipt;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The log's verifier key line (GET /log/key), or a file holding it.")
    String key;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(
        names = "--witness",
        paramLabel = "WKEY",
        description = {
          "A witness you trust: its verifier key line or a file holding it. Repeatable. The receipt's tree",
          "must then be witnessed: see --quorum and kyodaku receipt witness."
        })
    java.util.List<String> witnesses = new java.util.ArrayList<>();

    @Option(
        names = "--quorum",
        paramLabel = "K",
        description = {
          "How many of the --witness keys must have cosigned a checkpoint consistent with the",
          "receipt's (default: all of them)."
        })
    Integer quorum;

    @Override
    public Integer call() {
      java.util.Optional<ReceiptWitnessVerifier> witnessing = witnessing();
      ReceiptVerifier verifier = new ReceiptVerifier(LogCommand.key(key));
      String text;
      try {
        text = Files.readString(receipt, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.failure("file.unreadable", receipt, e.getMessage());
      }
      ReceiptVerifier.Verified v;
      try {
        v = verifier.verify(text);
      } catch (CliException e) {
        throw CliException.failure("receipt.in-file", receipt, e);
      }
      java.util.Optional<ReceiptWitnessVerifier.Witnessed> witnessed;
      try {
        witnessed = witnessing.map(w -> w.verify(text));
      } catch (CliException e) {
        throw CliException.failure("receipt.in-file", receipt, e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        var result =
            new ObjectMapper()
                .createObjectNode()
                .put("verified", true)
                .put("decision", v.decision())
                .put("basis", v.basis())
                .put("entries", v.entries())
                .put("origin", v.origin())
                .put("size", v.treeSize())
                .put(
                    "grantAbsence",
                    v.decision().equals("allow")
                        ? "not-applicable"
                        : v.grantAbsenceProven() ? "proven" : "not-proven")
                .put(
                    "grantCurrent",
                    !v.decision().equals("allow")
                        ? "not-applicable"
                        : v.grantCurrentProven() ? "proven" : "not-proven");
        witnessed.ifPresent(w -> result.set(ReceiptWitnessVerifier.MEMBER, ReceiptWitnessCommand.view(w)));
        out.println(result);
      } else {
        // What a creator or licensee reads to know what the receipt proves: in their language.
        Text t = Main.text(spec);
        out.println(t.message(
            "receipt.verified", t.label(v.decision()), t.label(v.basis()), v.entries(), v.origin(), v.treeSize()));
        if (v.grantAbsenceProven()) {
          out.println(t.message("receipt.absence-proven"));
        } else if (!v.decision().equals("allow")) {
          out.println(t.message("receipt.absence-not-proven"));
        } else if (v.grantCurrentProven()) {
          out.println(t.message("receipt.current-proven"));
        } else {
          out.println(t.message("receipt.current-not-proven"));
        }
        witnessed.ifPresent(w -> out.println(ReceiptWitnessCommand.describe(w, t)));
      }
      out.flush();
      return 0;
    }

    private java.util.Optional<ReceiptWitnessVerifier> witnessing() {
      if (witnesses.isEmpty()) {
        if (quorum != null) {
          throw CliException.usage("receipt.quorum-without-witnesses");
        }
        return java.util.Optional.empty();
      }
      java.util.List<org.kyodaku.log.note.VerifierKey> keys =
          witnesses.stream().map(w -> LogCommand.key("--witness", w)).toList();
      return java.util.Optional.of(
          new ReceiptWitnessVerifier(LogCommand.key(key), keys, quorum == null ? keys.size() : quorum));
    }
  }
}
