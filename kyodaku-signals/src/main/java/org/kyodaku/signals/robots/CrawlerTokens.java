package org.kyodaku.signals.robots;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AI crawler product tokens and their purposes, as data.
 *
 * <p>The table format is one token per line: {@code token<TAB>purpose[,purpose…]}; {@code #}
 * starts a comment line. The first purpose is the token's <em>primary</em> purpose: robots.txt
 * cannot say different things about one token for different uses, so readers and writers decide a
 * token by its primary purpose only. The bundled table ({@link #bundled()}) is seeded from the
 * ai-robots-txt list; {@link #load} reads an updated table without a release. Tokens compare
 * case-insensitively.
 */
public final class CrawlerTokens {
  private static final String RESOURCE = "crawler-tokens.tsv";

  /** One token with its purposes, primary first. */
  public record Token(String name, List<CrawlerPurpose> purposes) {
    public Token {
      purposes = List.copyOf(purposes);
      if (purposes.isEmpty()) {
        throw new RobotsTxtException("token \"" + name + "\" has no purpose");
      }
    }

    /** The purpose that decides the token. */
    public CrawlerPurpose primary() {
      return purposes.get(0);
    }
  }

  private final Map<String, Token> byName;

  private CrawlerTokens(Map<String, Token> byName) {
    this.byName = byName;
  }

  /** The table shipped with this library. */
  public static CrawlerTokens bundled() {
    try (InputStream in = CrawlerTokens.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
      }
      return load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a table.
   *
   * @throws RobotsTxtException naming the line when a line is malformed or a token repeats
   */
  public static CrawlerTokens load(Reader table) throws IOException {
    Map<String, Token> out = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(table);
    String line;
    int no = 0;
    while ((line = r.readLine()) != null) {
      no++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length < 2 || cols[0].isBlank()) {
        throw new RobotsTxtException(
            "crawler token table line " + no + ": expected token<TAB>purposes in \"" + line + "\"");
      }
      List<CrawlerPurpose> purposes = new ArrayList<>();
      for (String p : cols[1].split(",")) {
        try {
          purposes.add(CrawlerPurpose.parse(p));
        } catch (RobotsTxtException e) {
          throw new RobotsTxtException("crawler token table line " + no + ": " + e.getMessage());
        }
      }
      String name = cols[0].strip();
      if (out.put(name.toLowerCase(Locale.ROOT), new Token(name, purposes)) != null) {
        throw new RobotsTxtException("crawler token table line " + no + ": \"" + name + "\" repeats");
      }
    }
    return new CrawlerTokens(Map.copyOf(out));
  }

  /** The entry for a token, ignoring case. */
  public Optional<Token> find(String token) {
    return Optional.ofNullable(byName.get(token.strip().toLowerCase(Locale.ROOT)));
  }

  /** Every token, in no particular order. */
  public Set<Token> all() {
    return Set.copyOf(byName.values());
  }

  /** How many tokens the table holds. */
  public int size() {
    return byName.size();
  }
}
