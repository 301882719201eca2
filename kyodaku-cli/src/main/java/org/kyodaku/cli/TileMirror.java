package org.kyodaku.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;
import org.kyodaku.log.merkle.MerkleException;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.registry.LogAudit;
import org.kyodaku.log.sequencer.DurableFiles;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.HashTile;
import org.kyodaku.log.tiles.Tile;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;

/**
 * Copies the tiles and entry bundles of a verified checkpoint's tree into a directory, verifying
 * each file against the checkpoint <em>before</em> it is written, so that nothing a server
 * tampered with ever lands in the mirror (C2SP tlog-tiles layout):
 *
 * <ol>
 *   <li>The right edge first: the partial tile of every level. They are exactly what the root of
 *       the tree is made of (every other node is inside a full tile whose root a tile above
 *       holds), so the root computed from them alone must equal the checkpoint's.
 *   <li>Full hash tiles, top level first: the root of each must equal the hash at its place in the
 *       tile above it, which was verified before.
 *   <li>Entry bundles: the leaf hash {@code SHA-256(0x00 || entry)} of each entry must equal the
 *       hash at its place in the (verified) level-0 tile of the same index and width.
 * </ol>
 *
 * A verified file is written durably ({@link DurableFiles}: a temporary sibling, synced, renamed
 * into place), and every folder a file was added to is synced, up to the mirror's, before {@link
 * #mirror} returns: so the mirror's checkpoint, saved afterwards, never names a file a crash can
 * take back, and a crash leaves no half-written file (which the next run would report as
 * tampered). A file already in the
 * directory is not fetched again but is verified the same way (a file that fails names itself).
 * The entries' signatures, the map roots and the consistency with an earlier mirror are {@link
 * LogAudit}'s, run afterwards over the whole directory.
 */
final class TileMirror {
  /** What was done: files fetched (the others were present) and their bytes. */
  record Result(long files, long fetched, long bytes) {}

  private final TileReader remote;
  private final String source;
  private final Path out;
  private final Consumer<? super Message> progress;
  private long files;
  private long fetched;
  private long bytes;
  private long reportedAt = System.nanoTime();
  private long total;
  private final Set<Path> added = new LinkedHashSet<>();

  /**
   * @param remote where missing files are read from (with size caps: {@link LogCommand.Remote})
   * @param source how to name {@code remote} in messages
   */
  TileMirror(TileReader remote, String source, Path out, Consumer<? super Message> progress) {
    this.remote = remote;
    this.source = source;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Copies and verifies every tile and bundle of {@code checkpoint}'s tree (see the class comment).
   *
   * @throws CliException when a file cannot be read or written, or does not verify
   */
  Result mirror(Checkpoint checkpoint) {
    long size = checkpoint.size();
    total = LogAudit.paths(size).size();
    Map<String, HashTile> edge = new LinkedHashMap<>();
    Map<String, byte[]> edgeBytes = new LinkedHashMap<>();
    for (int level = 0; Tile.nodesAtLevel(level, size) > 0; level++) {
      var partial = Tile.partialTile(level, size);
      if (partial.isPresent()) {
        byte[] data = obtain(partial.get().path());
        edge.put(partial.get().path(), parse(partial.get(), data, "mirror.what-edge"));
        edgeBytes.put(partial.get().path(), data);
      }
    }
    if (size > 0) {
      Hash root;
      try {
        root = MerkleTree.over(TileHashSource.of(
            path -> {
              byte[] data = edgeBytes.get(path);
              if (data == null) {
                throw new DownloadException(Message.of("mirror.not-on-edge", path, size));
              }
              return data.clone();
            },
            size)).root();
      } catch (TileException | MerkleException e) {
        throw fail("mirror.edge-unusable", size, edge.keySet(), e.getMessage());
      }
      if (!root.equals(checkpoint.root())) {
        throw fail("mirror.edge-mismatch", edge.keySet(), root, size, checkpoint.root(), whereFrom(edge.keySet()));
      }
    }
    edgeBytes.forEach(this::keep);

    int top = 0;
    while (Tile.nodesAtLevel(top + 1, size) > 0) {
      top++;
    }
    for (int level = top - 1; level >= 0; level--) {
      HashTile parent = null;
      for (long n = 0; n < Tile.fullTiles(level, size); n++) {
        Tile above = Tile.forTree(level + 1, n / TilePaths.TILE_WIDTH, size);
        if (parent == null || !parent.tile().equals(above)) {
          parent = above.isPartial() ? edge.get(above.path()) : parse(above, readKept(above.path()), "mirror.what-verified");
        }
        Tile tile = new Tile(level, n, TilePaths.TILE_WIDTH);
        byte[] data = obtain(tile.path());
        HashTile hashes = parse(tile, data, "mirror.what-full");
        Hash tileRoot = MerkleTree.over(HashSource.ofLeafHashes(hashes.hashes())).root();
        Hash expected = parent.hashes().get((int) (n % TilePaths.TILE_WIDTH));
        if (!tileRoot.equals(expected)) {
          throw fail("mirror.tile-mismatch", tile.path(), tileRoot, above.path(), expected, n % TilePaths.TILE_WIDTH,
              whereFrom(List.of(tile.path())));
        }
        keep(tile.path(), data);
      }
    }

    for (long n = 0; n * TilePaths.TILE_WIDTH < size; n++) {
      Tile tile = Tile.forTree(0, n, size);
      HashTile leaves = tile.isPartial() ? edge.get(tile.path()) : parse(tile, readKept(tile.path()), "mirror.what-verified");
      String path = TilePaths.entryBundle(n, tile.width());
      byte[] data = obtain(path);
      EntryBundle bundle;
      try {
        bundle = EntryBundle.parse(data, tile.width());
      } catch (TileException e) {
        throw fail("mirror.bad-bundle", path, e.getMessage(), whereFrom(List.of(path)));
      }
      for (int i = 0; i < bundle.size(); i++) {
        Hash leaf = MerkleHasher.leafHash(bundle.entry(i));
        if (!leaf.equals(leaves.hashes().get(i))) {
          throw fail("mirror.entry-mismatch", path, n * TilePaths.TILE_WIDTH + i, leaf, tile.path(), leaves.hashes().get(i), i,
              whereFrom(List.of(path)));
        }
      }
      keep(path, data);
    }
    syncFolders();
    return new Result(files, fetched, bytes);
  }

  /** Syncs each folder a file was added to, and the folders above it up to the mirror's. */
  private void syncFolders() {
    Set<Path> folders = new LinkedHashSet<>();
    for (Path folder : added) {
      for (Path d = folder; d != null && d.startsWith(out) && folders.add(d); d = d.getParent()) {
        // a folder already in the set brought its parents with it
      }
    }
    for (Path d : folders) {
      try {
        DurableFiles.syncDirectory(d);
      } catch (IOException e) {
        throw CliException.failure("mirror.cannot-write", d, e.getMessage());
      }
    }
  }

  /** The file's bytes: from the directory when it is there, else fetched (not yet written). */
  private byte[] obtain(String path) {
    Path file = out.resolve(path);
    try {
      if (Files.exists(file)) {
        return Files.readAllBytes(file);
      }
      byte[] data = remote.read(path);
      fetched++;
      bytes += data.length;
      return data;
    } catch (IOException e) {
      throw CliException.failure("mirror.cannot-fetch", source + "/log/" + path, file, DownloadException.reason(e));
    }
  }

  /** Writes a verified file durably, unless it was already there (the class comment). */
  private void keep(String path, byte[] data) {
    Path file = out.resolve(path);
    try {
      if (!Files.exists(file)) {
        DurableFiles.writeAtomically(file, data);
        added.add(file.getParent());
      }
    } catch (IOException e) {
      throw CliException.failure("mirror.cannot-write", file, e.getMessage());
    }
    files++;
    if (System.nanoTime() - reportedAt > 1_000_000_000L || files == total) {
      reportedAt = System.nanoTime();
      progress.accept(Message.of("mirror.progress", files, total, fetched, String.format(Locale.ROOT, "%,d", bytes)));
    }
  }

  private byte[] readKept(String path) {
    try {
      return Files.readAllBytes(out.resolve(path));
    } catch (IOException e) {
      throw CliException.failure("mirror.cannot-read-back", out.resolve(path), e.getMessage());
    }
  }

  /** @param what the catalog key that says which tile it is */
  private HashTile parse(Tile tile, byte[] data, String what) {
    try {
      return HashTile.parse(tile, data);
    } catch (TileException e) {
      throw fail("mirror.bad-tile", tile.path(), Message.of(what), e.getMessage(), whereFrom(List.of(tile.path())));
    }
  }

  /** Says whether the files at fault were fetched (and so not written) or already in the mirror. */
  private Message whereFrom(java.util.Collection<String> paths) {
    List<String> present = paths.stream().filter(p -> Files.exists(out.resolve(p))).toList();
    return present.isEmpty()
        ? Message.of("mirror.nothing-written", out)
        : Message.of("mirror.already-present", present, out);
  }

  /** The mirror does not verify: {@code key} of the catalog says why. */
  private static CliException fail(String key, Object... args) {
    return CliException.failure("mirror.not-verified", Message.of(key, args));
  }
}
