package org.kyodaku.fingerprint;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What a file holds, judged by its name; it decides which content fingerprints apply. */
public enum MediaKind {
  IMAGE,
  VIDEO,
  TEXT,
  OTHER;

  private static final Set<String> IMAGES =
      Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");
  private static final Set<String> VIDEOS = Set.of("mp4", "m4v", "mov", "webm", "mkv", "avi");
  private static final Set<String> TEXTS = Set.of("txt", "md", "text");

  public static MediaKind of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (IMAGES.contains(ext)) {
      return IMAGE;
    }
    if (VIDEOS.contains(ext)) {
      return VIDEO;
    }
    return TEXTS.contains(ext) ? TEXT : OTHER;
  }
}
