package org.kyodaku.fingerprint.image;

/**
 * What to do with the EXIF orientation tag (0x0112) of a JPEG file.
 *
 * <p>Cameras store pixels as the sensor saw them and record in this tag how a viewer should turn
 * them. The PDQ reference implementation ignores the tag, so its hashes, and every hash shared in
 * that ecosystem, are of the pixels as stored; {@link #IGNORE} is therefore the default.
 */
public enum ExifOrientation {
  /** Use the pixels as stored in the file (what the PDQ reference implementation does). */
  IGNORE,
  /**
   * Turn the pixels the way the tag says (values 2 to 8; CIPA DC-008 §4.6.4), so a photo hashes as
   * it is displayed. Read from JPEG files only; other formats are used as stored.
   */
  APPLY
}
