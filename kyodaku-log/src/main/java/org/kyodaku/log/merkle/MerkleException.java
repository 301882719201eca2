package org.kyodaku.log.merkle;

/**
 * A Merkle hash, tree or proof was malformed or did not verify. The message names the leaf or sizes
 * involved and quotes the expected and the computed value.
 */
public final class MerkleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MerkleException(String message) {
    super(message);
  }
}
