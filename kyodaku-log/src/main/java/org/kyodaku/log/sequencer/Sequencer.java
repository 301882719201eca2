package org.kyodaku.log.sequencer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointException;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.note.Note;
import org.kyodaku.log.tiles.EntryBundle;
import org.kyodaku.log.tiles.HashTile;
import org.kyodaku.log.tiles.Tile;
import org.kyodaku.log.tiles.TileException;
import org.kyodaku.log.tiles.TileHashSource;
import org.kyodaku.log.tiles.TilePaths;
import org.kyodaku.log.tiles.TileReader;

/**
 * An append-only log in a directory laid out as C2SP tlog-tiles ({@code checkpoint}, {@code
 * tile/<L>/<N>[.p/<W>]}, {@code tile/entries/<N>[.p/<W>]}), written by one thread in batches.
 *
 * <p><b>Append.</b> {@link #append} queues an entry (at most {@value EntryBundle#MAX_ENTRY} bytes)
 * and returns a future completed with its index once the entry is durable and covered by a
 * published checkpoint. Indices follow the order of {@code append} calls. At most {@link
 * SequencerConfig#maxPending()} appends wait; beyond that an append fails at once (pushback).
 *
 * <p><b>Batch.</b> The sequencer thread takes the first waiting entry, then up to {@link
 * SequencerConfig#maxBatchSize()} − 1 more that arrive within {@link SequencerConfig#maxDelay()},
 * and integrates them, followed by the entry the {@link SequencerConfig#sealer()} closes the batch
 * with, if any: (1) every entry bundle and hash tile the new size adds or changes — full
 * tiles that became full, and the partial tile of each level for the new size — is written to a
 * temporary file, synced and renamed; (2) their directories are synced; (3) the new root is
 * computed from the tiles; (4) a checkpoint for the new size (origin, size, root, extension lines)
 * is signed with the log key as a C2SP note, written to {@code .checkpoint.tmp}, synced, renamed
 * over {@code checkpoint}, and the directory synced; (5) only then are the batch's futures
 * completed. One sync of each touched file, not one per entry: many entries per sync.
 *
 * <p><b>Crash safety.</b> Nothing a published checkpoint covers is ever rewritten: tiles and
 * bundles are named by their width, so a later size writes new names, and a full tile's content is
 * fixed by the entries below it. A crash at any point leaves the last published checkpoint and
 * every file it implies intact (they were synced before it was renamed into place), plus perhaps
 * files of an unpublished batch. {@link #open} therefore: verifies {@code checkpoint} under the log
 * key; deletes temporary files and every tile or bundle that reaches beyond the checkpoint's size
 * (deterministic roll-back: those entries were never acknowledged); reloads the right edge (the
 * partial bundle and the partial tile of each level); and recomputes the root from the tiles,
 * refusing to open unless it equals the checkpoint's. The tree on disk is then exactly the
 * published one, consistent with every checkpoint published before it. A {@code .lock} file held
 * with an OS lock keeps a second process out.
 *
 * <p>After an I/O failure the sequencer refuses further appends (its in-memory edge may be ahead
 * of the disk); reopen it.
 */
public final class Sequencer implements AutoCloseable {
  /** File name of the published checkpoint, at the root of the log directory. */
  public static final String CHECKPOINT = "checkpoint";

  private static final String LOCK = ".lock";

  private final Path dir;
  private final SequencerConfig config;
  private final CheckpointVerifier verifier;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private final TileReader disk;

  private volatile boolean closing;
  private volatile Throwable failure;
  private volatile Published published;

  // Confined to the sequencer thread after open.
  private long size;
  private final List<byte[]> bundle = new ArrayList<>(TilePaths.TILE_WIDTH);
  private final List<List<Hash>> edge = new ArrayList<>();

  private record Pending(byte[] entry, CompletableFuture<Long> future) {}

  private record Published(long size, String checkpoint) {}

  private Sequencer(Path dir, SequencerConfig config, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.config = config;
    this.verifier = CheckpointVerifier.forLog(config.origin(), config.logKey().verifierKey());
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.queue = new ArrayBlockingQueue<>(config.maxPending());
    this.disk = TileReader.ofDirectory(dir);
    this.thread = new Thread(this::run, "kyodaku-sequencer " + dir.getFileName());
    this.thread.setDaemon(true);
  }

  /**
   * Opens the log in {@code dir}, creating it (with a signed checkpoint of size 0) if the directory
   * is empty or missing, and rolling back whatever a crash left beyond the last published
   * checkpoint (see the class comment).
   */
  public static Sequencer open(Path dir, SequencerConfig config) {
    Path root = dir.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel =
          FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new SequencerException("log directory " + root + " is in use by another sequencer");
      }
      Sequencer s = new Sequencer(root, config, channel, lock);
      s.recover();
      s.thread.start();
      return s;
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof SequencerException se) {
        throw se;
      }
      throw new SequencerException("cannot open log directory " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Queues {@code entry}; the future completes with its index once a published checkpoint covers
   * it, or exceptionally with a {@link SequencerException} (entry too large, too many pending,
   * closed, or the batch could not be written).
   */
  public CompletableFuture<Long> append(byte[] entry) {
    if (entry.length > EntryBundle.MAX_ENTRY) {
      return CompletableFuture.failedFuture(
          new SequencerException(
              "entry has " + entry.length + " bytes, at most " + EntryBundle.MAX_ENTRY + " fit"));
    }
    Throwable failed = failure;
    if (failed != null) {
      return CompletableFuture.failedFuture(
          new SequencerException("sequencer failed earlier: " + failed.getMessage(), failed));
    }
    if (closing) {
      return CompletableFuture.failedFuture(new SequencerException("sequencer is closed"));
    }
    CompletableFuture<Long> future = new CompletableFuture<>();
    if (!queue.offer(new Pending(entry.clone(), future))) {
      return CompletableFuture.failedFuture(
          new SequencerException(
              "too many pending appends: " + config.maxPending() + " are waiting"));
    }
    return future;
  }

  /** The size of the tree the published checkpoint covers. */
  public long size() {
    return published.size();
  }

  /** The published signed checkpoint, as in the {@code checkpoint} file. */
  public String checkpoint() {
    return published.checkpoint();
  }

  /** The log directory. */
  public Path directory() {
    return dir;
  }

  /** Reads the log's tiles and bundles. */
  public TileReader reader() {
    return disk;
  }

  /** The tree of the first {@code size} entries, read from the tiles, for roots and proofs. */
  public MerkleTree tree(long size) {
    long available = size();
    if (size < 0 || size > available) {
      throw new SequencerException(
          "tree size " + size + " is not in [0, " + available + "] (the published size)");
    }
    return MerkleTree.over(TileHashSource.of(disk, size));
  }

  /**
   * Integrates every entry already queued, stops the sequencer thread and releases the directory.
   * Appends after {@code close} fail.
   */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.future.completeExceptionally(new SequencerException("sequencer is closed"));
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new SequencerException("cannot release " + dir.resolve(LOCK) + ": " + e, e);
    }
  }

  // ---------------------------------------------------------------- recovery

  private void recover() throws IOException {
    Path cpFile = dir.resolve(CHECKPOINT);
    deleteTemporaryFiles();
    if (!Files.exists(cpFile)) {
      if (Files.exists(dir.resolve("tile"))) {
        throw new SequencerException(
            "log directory " + dir + " has tiles but no " + CHECKPOINT + "; refusing to guess");
      }
      publish(0, MerkleHasher.EMPTY_ROOT);
    }
    String text = Files.readString(cpFile, StandardCharsets.UTF_8);
    Checkpoint cp;
    try {
      cp = verifier.verify(text).checkpoint();
    } catch (CheckpointException e) {
      throw new SequencerException(cpFile + ": " + e.getMessage(), e);
    }
    long n = cp.size();
    rollBackBeyond(n);
    size = n;
    loadEdge(n);
    Hash root = MerkleTree.over(TileHashSource.of(disk, n)).root();
    if (!root.equals(cp.root())) {
      throw new SequencerException(
          "tiles of "
              + dir
              + " do not match the checkpoint: root of size "
              + n
              + " expected "
              + cp.root()
              + ", computed "
              + root);
    }
    published = new Published(n, text);
  }

  private void deleteTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).filter(DurableFiles::isTemp).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Deletes every tile and bundle holding a node or entry at or beyond tree size {@code n}. */
  private void rollBackBeyond(long n) throws IOException {
    Path tiles = dir.resolve("tile");
    if (!Files.isDirectory(tiles)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> files = Files.walk(tiles)) {
      all = files.filter(Files::isRegularFile).toList();
    }
    for (Path p : all) {
      String rel = dir.relativize(p).toString().replace('\\', '/');
      Tile tile;
      try {
        tile =
            rel.startsWith("tile/entries/")
                ? TilePaths.parseTile("0", rel.substring("tile/entries/".length()))
                : TilePaths.parseTilePath(rel);
      } catch (TileException e) {
        continue; // not ours; leave it alone
      }
      long end;
      try {
        end = Math.addExact(Math.multiplyExact(tile.index(), TilePaths.TILE_WIDTH), tile.width());
      } catch (ArithmeticException e) {
        end = Long.MAX_VALUE;
      }
      if (end > Tile.nodesAtLevel(tile.level(), n)) {
        Files.delete(p);
      }
    }
  }

  private void loadEdge(long n) throws IOException {
    bundle.clear();
    edge.clear();
    int width = (int) (n % TilePaths.TILE_WIDTH);
    if (width > 0) {
      String path = TilePaths.entryBundle(n / TilePaths.TILE_WIDTH, width);
      bundle.addAll(EntryBundle.parse(read(path), width).entries());
    }
    for (int level = 0; Tile.nodesAtLevel(level, n) > 0; level++) {
      List<Hash> hashes = new ArrayList<>(TilePaths.TILE_WIDTH);
      var partial = Tile.partialTile(level, n);
      if (partial.isPresent()) {
        hashes.addAll(HashTile.parse(partial.get(), read(partial.get().path())).hashes());
      }
      edge.add(hashes);
    }
    List<Hash> bundleHashes = new ArrayList<>();
    for (byte[] e : bundle) {
      bundleHashes.add(MerkleHasher.leafHash(e));
    }
    List<Hash> level0 = edge.isEmpty() ? List.of() : edge.get(0);
    if (!bundleHashes.equals(level0)) {
      throw new SequencerException(
          "partial entry bundle of size " + n + " does not hash to the partial level-0 tile");
    }
  }

  private byte[] read(String path) throws IOException {
    try {
      return disk.read(path);
    } catch (NoSuchFileException e) {
      throw new SequencerException(
          dir + " lacks " + path + ", which checkpoint size " + size + " implies", e);
    }
  }

  // ---------------------------------------------------------------- sequencing

  private void run() {
    long maxDelayNanos = config.maxDelay().toNanos();
    List<Pending> batch = new ArrayList<>(config.maxBatchSize());
    try {
      while (!closing || !queue.isEmpty()) {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + maxDelayNanos;
        while (batch.size() < config.maxBatchSize()) {
          Pending next = queue.poll();
          if (next == null) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0 || closing) {
              break;
            }
            next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
          }
          batch.add(next);
        }
        integrate(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      fail(batch, new SequencerException("sequencer interrupted", e));
    } catch (IOException | RuntimeException e) {
      fail(batch, e instanceof SequencerException se ? se : new SequencerException(
          "cannot write batch of " + batch.size() + " at size " + size + " to " + dir + ": " + e, e));
    }
  }

  private void fail(List<Pending> batch, SequencerException e) {
    failure = e;
    for (Pending p : batch) {
      p.future.completeExceptionally(e);
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.future.completeExceptionally(e);
    }
  }

  private void integrate(List<Pending> batch) throws IOException {
    long start = size;
    List<byte[]> entries = new ArrayList<>(batch.size() + 1);
    for (Pending p : batch) {
      entries.add(p.entry);
    }
    config.sealer().seal(start, List.copyOf(entries)).ifPresent(seal -> {
      if (seal.length > EntryBundle.MAX_ENTRY) {
        throw new SequencerException(
            "sealing entry has " + seal.length + " bytes, at most " + EntryBundle.MAX_ENTRY + " fit");
      }
      entries.add(seal);
    });
    Map<String, byte[]> writes = new LinkedHashMap<>();
    for (byte[] entry : entries) {
      bundle.add(entry);
      size++;
      if (bundle.size() == TilePaths.TILE_WIDTH) {
        writes.put(
            TilePaths.entryBundle((size - 1) / TilePaths.TILE_WIDTH, TilePaths.TILE_WIDTH),
            EntryBundle.of(bundle).toBytes());
        bundle.clear();
      }
      push(0, MerkleHasher.leafHash(entry), writes);
    }
    if (!bundle.isEmpty()) {
      writes.put(
          TilePaths.entryBundle(size / TilePaths.TILE_WIDTH, bundle.size()),
          EntryBundle.of(bundle).toBytes());
    }
    for (int level = 0; level < edge.size(); level++) {
      List<Hash> hashes = edge.get(level);
      if (!hashes.isEmpty()) {
        long nodes = Tile.nodesAtLevel(level, size);
        Tile tile = new Tile(level, nodes / TilePaths.TILE_WIDTH, hashes.size());
        writes.put(tile.path(), new HashTile(tile, hashes).toBytes());
      }
    }
    Set<Path> dirs = new LinkedHashSet<>();
    for (Map.Entry<String, byte[]> w : writes.entrySet()) {
      Path file = dir.resolve(w.getKey());
      DurableFiles.writeAtomically(file, w.getValue());
      for (Path d = file.getParent(); d != null && d.startsWith(dir); d = d.getParent()) {
        dirs.add(d);
      }
    }
    for (Path d : dirs) {
      DurableFiles.syncDirectory(d);
    }
    TileReader overlay =
        path -> {
          byte[] data = writes.get(path);
          return data != null ? data.clone() : disk.read(path);
        };
    Hash root = MerkleTree.over(TileHashSource.of(overlay, size)).root();
    publish(size, root);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).future.complete(start + i);
    }
  }

  /** Adds a node hash at tile level {@code level}; a tile that becomes full is written. */
  private void push(int level, Hash hash, Map<String, byte[]> writes) {
    if (edge.size() == level) {
      edge.add(new ArrayList<>(TilePaths.TILE_WIDTH));
    }
    List<Hash> hashes = edge.get(level);
    hashes.add(hash);
    if (hashes.size() == TilePaths.TILE_WIDTH) {
      long nodes = Tile.nodesAtLevel(level, size);
      Tile tile = new Tile(level, nodes / TilePaths.TILE_WIDTH - 1, TilePaths.TILE_WIDTH);
      writes.put(tile.path(), new HashTile(tile, hashes).toBytes());
      Hash tileRoot = MerkleTree.over(HashSource.ofLeafHashes(hashes)).root();
      hashes.clear();
      push(level + 1, tileRoot, writes);
    }
  }

  private void publish(long treeSize, Hash root) throws IOException {
    Checkpoint cp =
        new Checkpoint(config.origin(), treeSize, root, config.extensions().apply(treeSize));
    String signed = Note.sign(cp.text(), List.of(config.logKey())).format();
    DurableFiles.writeAtomically(dir.resolve(CHECKPOINT), signed.getBytes(StandardCharsets.UTF_8));
    DurableFiles.syncDirectory(dir);
    published = new Published(treeSize, signed);
  }
}
