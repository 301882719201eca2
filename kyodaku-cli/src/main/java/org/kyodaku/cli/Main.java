package org.kyodaku.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.kyodaku.fingerprint.image.ImageDecoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code kyodaku} command. */
@Command(
    name = "kyodaku",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Kyodaku (許諾): opt-in consent registry for AI training.",
      "Default is deny: a use is allowed only under an explicit, current grant."
    },
    subcommands = {
      ServeCommand.class,
      PartyCommand.class,
      WorkCommand.class,
      GrantCommand.class,
      CheckCommand.class,
      HashCommand.class,
      IndexCommand.class,
      MatchCommand.class,
      LogCommand.class,
      SignalsCommand.class,
      ReceiptCommand.class,
      WitnessCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The language of this run; every command finds it through {@link #text(CommandSpec)}. */
  private final Text text;

  private Main(Text text) {
    this.text = text;
  }

  @Override
  public void run() {
    CliException why = CliException.usage("usage.no-command");
    throw new CommandLine.ParameterException(spec.commandLine(), why.getMessage(), why);
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the command line and returns the exit code; used by tests as well as {@link #main}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Text.fromEnvironment());
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, in the language {@code text} chose. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Text text) {
    CommandLine cli = commandLine(text);
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(e -> e instanceof CliException c ? c.exitCode() : CliException.FAILURE);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          String path = commandPath(e.getCommandLine());
          String help = "kyodaku " + (path.isEmpty() ? "" : path + " ") + "--help";
          err.println(text.message("error.line", text.message("usage.see-help", text.format(UsageErrors.describe(e)), help)));
          return CliException.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof CliException ce) {
            err.println(text.message("error.line", text.format(ce.message())));
            return ce.exitCode();
          }
          err.println(text.message("error.line", e));
          return CliException.FAILURE;
        });
    return cli.execute(args);
  }

  /** The language of the run {@code spec}'s command is part of. */
  static Text text(CommandSpec spec) {
    return spec.root().userObject() instanceof Main main ? main.text : Text.ENGLISH;
  }

  /** The command tree with its help texts in {@code text}'s language. */
  static CommandLine commandLine(Text text) {
    CommandLine cli = commandTree(text);
    cli.setResourceBundle(helpBundle(text));
    return cli;
  }

  /** The command tree with the annotations' English help texts. */
  static CommandLine commandTree() {
    return commandTree(Text.ENGLISH);
  }

  private static CommandLine commandTree(Text text) {
    CommandLine cli = new CommandLine(new Main(text));
    addHelpOption(cli);
    return cli;
  }

  /**
   * Gives every command {@code -h, --help}: the README and every usage error send users to
   * {@code kyodaku <command> --help}, and the standard help options of the top command are not
   * inherited by its subcommands. Done here rather than per class so that no command added
   * later can miss it.
   */
  private static void addHelpOption(CommandLine c) {
    CommandSpec spec = c.getCommandSpec();
    String[] names = Stream.of("-h", "--help").filter(n -> !spec.optionsMap().containsKey(n)).toArray(String[]::new);
    if (names.length > 0 && spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      spec.addOption(
          OptionSpec.builder(names)
              .usageHelp(true)
              .descriptionKey("mixinStandardHelpOptions.help")
              .description("Show this help message and exit.")
              .build());
    }
    c.getSubcommands().values().forEach(Main::addHelpOption);
  }

  /** The help texts for {@code text}'s language (help.properties, help_ja.properties). */
  static ResourceBundle helpBundle(Text text) {
    return text.bundle("org.kyodaku.cli.help");
  }

  private static String commandPath(CommandLine c) {
    String qualified = c.getCommandSpec().qualifiedName(" ");
    return qualified.startsWith("kyodaku") ? qualified.substring("kyodaku".length()).strip() : qualified;
  }

  /** Reads the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @CommandLine.Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      // Which JPEG decoder runs decides speed, never hashes (ADR 0009); worth one line to know.
      return new String[] {
        "kyodaku " + (v == null ? "development build" : v),
        text(spec).message("version.jpeg", ImageDecoder.jpegBackend()),
        "Java " + Runtime.version()
      };
    }
  }
}
