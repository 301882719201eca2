package org.kyodaku.signals.c2pa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever bytes a signature or claim box holds, the check answers (never throws). */
class ClaimSignatureProperties {
  private static final byte[] SIGN1_PREFIX = {(byte) 0xd2, (byte) 0x84};

  @Property(tries = 500)
  void verify_anyBytes_answersNotVerified(@ForAll @Size(max = 200) byte[] cose, @ForAll @Size(max = 50) byte[] claim) {
    ClaimSignature.Result r = ClaimSignature.verify(claim, cose);
    assertThat(r.verified()).isFalse();
    assertThat(r.detail()).isNotBlank();
  }

  @Property(tries = 500)
  void verify_coseShapedBytes_answersNotVerified(@ForAll @Size(max = 200) byte[] rest) {
    byte[] cose = Arrays.copyOf(SIGN1_PREFIX, SIGN1_PREFIX.length + rest.length);
    System.arraycopy(rest, 0, cose, SIGN1_PREFIX.length, rest.length);
    assertThat(ClaimSignature.verify(new byte[] {(byte) 0xa0}, cose).verified()).isFalse();
  }
}
