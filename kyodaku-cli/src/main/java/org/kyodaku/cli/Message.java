package org.kyodaku.cli;

import java.util.Arrays;
import java.util.List;

/**
 * A human-readable message not yet put into words: its key in the message catalog
 * (messages.properties) and the values of its placeholders. It is worded when it is shown, in the
 * language the user chose ({@link Text#format}); a value that is itself a Message is worded in
 * the same language.
 */
record Message(String key, List<Object> args) {
  Message {
    args = List.copyOf(args.stream().map(a -> a == null ? "null" : a).toList());
  }

  static Message of(String key, Object... args) {
    return new Message(key, Arrays.asList(args));
  }

  /** The English wording, for logs and exception messages; users see {@link Text#format}. */
  @Override
  public String toString() {
    return Text.ENGLISH.format(this);
  }
}
