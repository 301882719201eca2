package org.kyodaku.signals.xmp;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rights notice embedded with the data-mining statement.
 *
 * @param copyright the copyright notice ({@code dc:rights}), e.g. {@code © 2026 山田 花子}
 * @param creators the creators ({@code dc:creator}), at least one
 * @param webStatement the work's registry page ({@code xmpRights:WebStatement}), absolute http(s)
 * @param iscc the ISCC code of the content ({@code dc:identifier}), if known; {@code ISCC:} and
 *     base32 letters
 */
public record Notice(
    String copyright, List<String> creators, URI webStatement, Optional<String> iscc) {
  private static final Pattern ISCC = Pattern.compile("ISCC:[A-Z2-7]{10,}");

  public Notice {
    checkText("copyright", copyright);
    creators = List.copyOf(creators);
    if (creators.isEmpty()) {
      throw new XmpException("creators: a notice names at least one creator");
    }
    creators.forEach(c -> checkText("creators", c));
    String scheme = webStatement.getScheme() == null ? "" : webStatement.getScheme();
    if (!(scheme.equals("http") || scheme.equals("https")) || webStatement.getHost() == null) {
      throw new XmpException("webStatement: \"" + webStatement + "\" is not an absolute http(s) URL");
    }
    iscc.ifPresent(i -> {
      if (!ISCC.matcher(i).matches()) {
        throw new XmpException("iscc: \"" + i + "\" is not an ISCC code (ISCC: and base32)");
      }
    });
  }

  private static void checkText(String field, String value) {
    if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new XmpException(field + ": \"" + value + "\" is blank or has control characters");
    }
  }
}
