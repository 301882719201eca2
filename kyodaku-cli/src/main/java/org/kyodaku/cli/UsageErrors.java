package org.kyodaku.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Picocli's command-line errors as catalog messages. Picocli words them in English only; these
 * are rebuilt from what the exception records (the arguments, the value, the option's type), so
 * that a Japanese user reads them in Japanese. An error of a kind not known here keeps picocli's
 * words inside a translated frame.
 */
final class UsageErrors {
  /** Picocli 4.7 keeps the options of a violated exclusive group only in its message. */
  private static final Pattern EXCLUSIVE = Pattern.compile("(?:Error: )?(.+) are mutually exclusive \\(specify only one\\)");

  private UsageErrors() {}

  static Message describe(ParameterException e) {
    if (e.getCause() instanceof CliException c) {
      return c.message();
    }
    return switch (e) {
      case MissingParameterException m -> Message.of("usage.missing", names(m.getMissing()));
      case UnmatchedArgumentException u when u.isUnknownOption() -> Message.of("usage.unknown-option", quoted(u.getUnmatched()));
      case UnmatchedArgumentException u when !u.getCommandLine().getSubcommands().isEmpty() ->
          Message.of("usage.unknown-command", quoted(u.getUnmatched()));
      case UnmatchedArgumentException u -> Message.of("usage.unmatched", quoted(u.getUnmatched()));
      case OverwrittenOptionException o -> Message.of("usage.once", name(o.getOverwritten()));
      case MutuallyExclusiveArgsException x -> exclusive(x);
      default -> e.getCause() instanceof TypeConversionException && e.getArgSpec() != null && e.getValue() != null
          ? badValue(e.getArgSpec(), e.getValue(), e.getCause().getMessage())
          : Message.of("usage.other", e.getMessage());
    };
  }

  private static Message badValue(ArgSpec arg, String value, String why) {
    Class<?> type = arg.type();
    String name = name(arg);
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return Message.of("usage.not-integer", name, value);
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return Message.of("usage.not-number", name, value);
    }
    if (type.isEnum()) {
      String values = Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
      return Message.of("usage.not-one-of", name, value, values);
    }
    return Message.of("usage.invalid-value", name, value, why);
  }

  private static Message exclusive(MutuallyExclusiveArgsException x) {
    Matcher m = EXCLUSIVE.matcher(x.getMessage());
    return m.matches() ? Message.of("usage.exclusive", m.group(1)) : Message.of("usage.other", x.getMessage());
  }

  /** Each missing argument as the synopsis shows it; an argument of a group as its group. */
  private static String names(List<ArgSpec> missing) {
    Set<String> out = new LinkedHashSet<>();
    for (ArgSpec a : missing) {
      out.add(a.group() != null ? a.group().synopsis() : synopsis(a));
    }
    return String.join(", ", out);
  }

  private static String synopsis(ArgSpec a) {
    return a instanceof OptionSpec o && o.arity().max() > 0 ? o.longestName() + "=" + o.paramLabel() : name(a);
  }

  private static String name(ArgSpec a) {
    return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
  }

  private static String quoted(List<String> args) {
    return args.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
  }
}
