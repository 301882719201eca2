package org.kyodaku.signals.embed;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kyodaku.core.model.Labelled;

/** The file formats whose embedded metadata is read, recognised by their first bytes. */
public enum Format implements Labelled {
  /** JPEG (JFIF/Exif): {@code FF D8 FF}. */
  JPEG,
  /** PNG: the 8-byte PNG signature. */
  PNG,
  /** WebP: {@code RIFF....WEBP}. */
  WEBP,
  /** TIFF: {@code II*\0} or {@code MM\0*}. */
  TIFF,
  /** PDF: {@code %PDF-}. */
  PDF,
  /** EPUB: a ZIP ({@code PK\3\4}) holding {@code META-INF/container.xml}. */
  EPUB;

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** The format of a file starting with {@code head}; empty when none of these. */
  public static Optional<Format> of(byte[] head) {
    if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (Bytes.startsWith(head, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (Bytes.startsWith(head, 0, ascii("RIFF")) && Bytes.startsWith(head, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    if (Bytes.startsWith(head, 0, new byte[] {'I', 'I', 42, 0})
        || Bytes.startsWith(head, 0, new byte[] {'M', 'M', 0, 42})) {
      return Optional.of(TIFF);
    }
    if (Bytes.startsWith(head, 0, ascii("%PDF-"))) {
      return Optional.of(PDF);
    }
    if (Bytes.startsWith(head, 0, new byte[] {'P', 'K', 3, 4})) {
      return Optional.of(EPUB);
    }
    return Optional.empty();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return label();
  }
}
