package org.kyodaku.log.map;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.kyodaku.log.merkle.Hash;

/**
 * An immutable sparse Merkle tree of depth 256 (see {@link MapHasher} for the hashes): keys are
 * 32-byte values ({@link MapHasher#keyOf} of a work id), each mapped to a 32-byte value digest.
 * {@link #set} and {@link #remove} return a new map sharing structure with this one, so every
 * committed root stays provable while the registry moves on.
 *
 * <p>Representation: a binary radix (Patricia) trie over the key bits with {@code n} leaves and
 * {@code n - 1} branch nodes; a branch at depth {@code d} is where its keys first differ (bit
 * {@code d}). The full 256-level tree is never materialised: the hash of a subtree hanging at depth
 * {@code t} above a trie node at depth {@code d > t} is the node's own hash lifted through {@code d
 * - t} levels whose other side is empty ({@code node(x, empty(h))} or {@code node(empty(h), x)} by
 * the key bit). Each node caches its lifted hash. An update costs at most 256 hashes for the new
 * leaf's path plus one per branch above it; memory is O(n).
 */
public final class VerifiableMap {
  private static final VerifiableMap EMPTY = new VerifiableMap(null, 0);

  private final @Nullable Node root;
  private final long size;

  private VerifiableMap(@Nullable Node root, long size) {
    this.root = root;
    this.size = size;
  }

  /** The empty map; its root is {@code empty(256)}. */
  public static VerifiableMap empty() {
    return EMPTY;
  }

  /** The number of keys. */
  public long size() {
    return size;
  }

  /** The root hash. */
  public Hash root() {
    return root == null ? MapHasher.empty(MapHasher.DEPTH) : root.hashAt(0);
  }

  /** The value digest of {@code key}, if present. */
  public Optional<Hash> get(Hash key) {
    byte[] k = key.bytes();
    Node n = root;
    while (n instanceof Branch b) {
      n = MapHasher.bit(k, b.depth) == 0 ? b.left : b.right;
    }
    return n instanceof Leaf l && Arrays.equals(l.key, k) ? Optional.of(l.value) : Optional.empty();
  }

  /** This map with {@code key} mapped to {@code value}. */
  public VerifiableMap set(Hash key, Hash value) {
    byte[] k = key.bytes();
    boolean present = get(key).isPresent();
    return new VerifiableMap(insert(root, k, value), present ? size : size + 1);
  }

  /** This map without {@code key} (the same map if it is absent). */
  public VerifiableMap remove(Hash key) {
    if (get(key).isEmpty()) {
      return this;
    }
    return new VerifiableMap(delete(root, key.bytes()), size - 1);
  }

  /** The proof of what this map holds for {@code key}: its value, or its absence. */
  public MapProof prove(Hash key) {
    byte[] k = key.bytes();
    Hash[] byHeight = new Hash[MapHasher.DEPTH];
    Node n = root;
    for (int x = 0; x < MapHasher.DEPTH && n != null; x++) {
      Hash sibling = null;
      if (n instanceof Branch b && b.depth == x) {
        boolean left = MapHasher.bit(k, x) == 0;
        sibling = (left ? b.right : b.left).hashAt(x + 1);
        n = left ? b.left : b.right;
      } else if (MapHasher.bit(n.anyKey(), x) != MapHasher.bit(k, x)) {
        sibling = n.hashAt(x + 1);
        n = null;
      }
      byHeight[MapHasher.DEPTH - 1 - x] = sibling;
    }
    Optional<Hash> value =
        n instanceof Leaf l && Arrays.equals(l.key, k) ? Optional.of(l.value) : Optional.empty();
    byte[] bitmap = new byte[MapProof.BITMAP_LENGTH];
    java.util.List<Hash> siblings = new java.util.ArrayList<>();
    for (int h = 0; h < MapHasher.DEPTH; h++) {
      if (byHeight[h] != null) {
        bitmap[h >>> 3] |= (byte) (0x80 >>> (h & 7));
        siblings.add(byHeight[h]);
      }
    }
    return MapProof.of(key, value, bitmap, siblings);
  }

  /** Calls {@code action} for every key and value, in increasing unsigned key order. */
  public void forEach(BiConsumer<Hash, Hash> action) {
    walk(root, action);
  }

  private static void walk(@Nullable Node n, BiConsumer<Hash, Hash> action) {
    if (n instanceof Leaf l) {
      action.accept(new Hash(l.key), l.value);
    } else if (n instanceof Branch b) {
      walk(b.left, action);
      walk(b.right, action);
    }
  }

  // ------------------------------------------------------------------ trie

  private static Node insert(@Nullable Node n, byte[] key, Hash value) {
    if (n == null) {
      return new Leaf(key, value);
    }
    int d = firstDifference(n.anyKey(), key);
    if (n instanceof Leaf l) {
      if (d == MapHasher.DEPTH) {
        return new Leaf(key, value);
      }
      return split(d, l, new Leaf(key, value));
    }
    Branch b = (Branch) n;
    if (d < b.depth) {
      return split(d, b, new Leaf(key, value));
    }
    return MapHasher.bit(key, b.depth) == 0
        ? new Branch(b.depth, insert(b.left, key, value), b.right)
        : new Branch(b.depth, b.left, insert(b.right, key, value));
  }

  private static Node split(int depth, Node existing, Leaf added) {
    return MapHasher.bit(added.key, depth) == 0
        ? new Branch(depth, added, existing)
        : new Branch(depth, existing, added);
  }

  private static @Nullable Node delete(@Nullable Node n, byte[] key) {
    if (n == null) {
      return null;
    }
    if (n instanceof Leaf l) {
      return Arrays.equals(l.key, key) ? null : l;
    }
    Branch b = (Branch) n;
    if (firstDifference(b.anyKey(), key) < b.depth) {
      return b;
    }
    if (MapHasher.bit(key, b.depth) == 0) {
      Node left = delete(b.left, key);
      return left == null ? b.right : new Branch(b.depth, left, b.right);
    }
    Node right = delete(b.right, key);
    return right == null ? b.left : new Branch(b.depth, b.left, right);
  }

  /** The first bit where two keys differ, or 256 if they are equal. */
  private static int firstDifference(byte[] a, byte[] b) {
    int i = Arrays.mismatch(a, b);
    if (i < 0) {
      return MapHasher.DEPTH;
    }
    return i * 8 + Integer.numberOfLeadingZeros((a[i] ^ b[i]) & 0xff) - 24;
  }

  /** A subtree root cached at one depth: immutable, so racy publication is safe. */
  private record Cached(int depth, Hash hash) {}

  private abstract static sealed class Node permits Leaf, Branch {
    private @Nullable Cached cached;

    /** A key below this node: all share the bits above the node's depth. */
    abstract byte[] anyKey();

    /** The depth of this node in the full tree (256 for a leaf). */
    abstract int depth();

    /** The node's own hash at {@link #depth()}. */
    abstract Hash ownHash();

    /** The hash of the subtree hanging at {@code depth} whose only non-empty part is this node. */
    final Hash hashAt(int depth) {
      Cached c = cached;
      if (c != null && c.depth == depth) {
        return c.hash;
      }
      Hash h = ownHash();
      byte[] k = anyKey();
      for (int x = depth() - 1; x >= depth; x--) {
        Hash e = MapHasher.empty(MapHasher.DEPTH - 1 - x);
        h = MapHasher.bit(k, x) == 0 ? MapHasher.node(h, e) : MapHasher.node(e, h);
      }
      cached = new Cached(depth, h);
      return h;
    }
  }

  private static final class Leaf extends Node {
    private final byte[] key;
    private final Hash value;
    private @Nullable Hash own;

    Leaf(byte[] key, Hash value) {
      this.key = key;
      this.value = value;
    }

    @Override
    byte[] anyKey() {
      return key;
    }

    @Override
    int depth() {
      return MapHasher.DEPTH;
    }

    @Override
    Hash ownHash() {
      Hash h = own;
      if (h == null) {
        h = MapHasher.leaf(new Hash(key), value);
        own = h;
      }
      return h;
    }
  }

  private static final class Branch extends Node {
    private final int depth;
    private final Node left;
    private final Node right;
    private @Nullable Hash own;

    Branch(int depth, Node left, Node right) {
      this.depth = depth;
      this.left = left;
      this.right = right;
    }

    @Override
    byte[] anyKey() {
      return left.anyKey();
    }

    @Override
    int depth() {
      return depth;
    }

    @Override
    Hash ownHash() {
      Hash h = own;
      if (h == null) {
        h = MapHasher.node(left.hashAt(depth + 1), right.hashAt(depth + 1));
        own = h;
      }
      return h;
    }
  }
}
