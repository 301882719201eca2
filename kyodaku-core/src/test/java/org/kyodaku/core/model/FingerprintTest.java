package org.kyodaku.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void sha256_upperCaseHex_isLowerCased() {
    assertThat(Fingerprint.sha256(EMPTY_SHA256.toUpperCase()).value()).isEqualTo(EMPTY_SHA256);
  }

  @Test
  void sha256_tooShort_throwsWithLength() {
    assertThatThrownBy(() -> Fingerprint.sha256("e3b0c442"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("sha256: must be 64 hex digits (32 bytes), got 8 digits");
  }

  @Test
  void sha256_tooLong_throwsWithLength() {
    assertThatThrownBy(() -> Fingerprint.sha256(EMPTY_SHA256 + "00"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("sha256: must be 64 hex digits (32 bytes), got 66 digits");
  }

  @Test
  void sha256_oddNumberOfDigits_throwsNotHex() {
    assertThatThrownBy(() -> Fingerprint.sha256(EMPTY_SHA256.substring(1)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("sha256: not a hex fingerprint: \"" + EMPTY_SHA256.substring(1, 58) + "...\"");
  }

  @Test
  void sha256_nonHexDigit_throwsNotHex() {
    String bad = "zz" + EMPTY_SHA256.substring(2, 20);
    assertThatThrownBy(() -> Fingerprint.sha256(bad))
        .isInstanceOf(ValidationException.class)
        .hasMessage("sha256: not a hex fingerprint: \"" + bad + "\"");
  }

  @Test
  void new_badAlgorithmName_throws() {
    assertThatThrownBy(() -> new Fingerprint("PDQ v1", "00"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("algorithm: not an algorithm name: \"PDQ v1\"");
  }

  @Test
  void asset_withoutSha256_throws() {
    assertThatThrownBy(
            () -> new Asset(Optional.empty(), List.of(new Fingerprint("pdq-v1", "00ff"))))
        .isInstanceOf(ValidationException.class)
        .hasMessage("sha256: an asset needs exactly one sha256 fingerprint, got 0");
  }
}
