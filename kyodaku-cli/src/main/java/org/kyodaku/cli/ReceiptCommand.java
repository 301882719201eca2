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
        throw CliException.failure(receipt + ": cannot read: " + e.getMessage());
      }
      ReceiptVerifier.Verified v;
      try {
        v = verifier.verify(text);
      } catch (CliException e) {
        throw CliException.failure(receipt + ": " + e.getMessage());
      }
      java.util.Optional<ReceiptWitnessVerifier.Witnessed> witnessed;
      try {
        witnessed = witnessing.map(w -> w.verify(text));
      } catch (CliException e) {
        throw CliException.failure(receipt + ": " + e.getMessage());
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
        boolean ja = Text.fromEnvironment().japanese();
        out.println(ja
            ? "検証済み: " + v.decision() + "（" + v.basis() + "）、" + v.entries() + " 件のログエントリが "
                + v.origin() + " のサイズ " + v.treeSize() + " のツリーに含まれています"
            : "verified: " + v.decision() + " (" + v.basis() + "), " + v.entries() + " log entries included in "
                + v.origin() + " at size " + v.treeSize());
        if (v.grantAbsenceProven()) {
          out.println(ja
              ? "証明済み（レシートのチェックポイントの時点まで）: この作品の現在の許諾の中に、この問いを満たす許諾はありません"
              : "proven (as of the receipt's checkpoint): no grant in the work's current grant set covers this question");
        } else if (!v.decision().equals("allow")) {
          out.println(ja
              ? "注意: この拒否のレシートは、許諾がなかったことを証明しません（マップの証拠を含みません）"
              : "note: this deny receipt does not prove that no grant existed (it carries no map evidence)");
        } else if (v.grantCurrentProven()) {
          out.println(ja
              ? "証明済み（レシートのチェックポイントの時点まで）: 判定の時点で、この許諾は作品の現在の許諾に含まれていました（それ以前に取り消されていません）"
              : "proven (as of the receipt's checkpoint): the grant was in the work's current grant set at the decision's instant (not revoked before it)");
        } else {
          out.println(ja
              ? "注意: この許可のレシートは、判定の時点より前に許諾が取り消されていなかったことを証明しません（マップの証拠を含みません）"
              : "note: this allow receipt does not prove that the grant was not revoked before the decision's instant"
                  + " (it carries no map evidence)");
        }
        witnessed.ifPresent(w -> out.println(ReceiptWitnessCommand.describe(w, ja)));
      }
      out.flush();
      return 0;
    }

    private java.util.Optional<ReceiptWitnessVerifier> witnessing() {
      if (witnesses.isEmpty()) {
        if (quorum != null) {
          throw CliException.usage("--quorum needs the witnesses it counts (--witness WKEY, repeatable)");
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
