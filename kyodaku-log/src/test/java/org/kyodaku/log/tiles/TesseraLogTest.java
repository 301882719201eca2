package org.kyodaku.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;
import org.kyodaku.log.checkpoint.Checkpoint;
import org.kyodaku.log.checkpoint.CheckpointVerifier;
import org.kyodaku.log.merkle.ConsistencyProof;
import org.kyodaku.log.merkle.Hash;
import org.kyodaku.log.merkle.HashSource;
import org.kyodaku.log.merkle.MerkleHasher;
import org.kyodaku.log.merkle.MerkleTree;
import org.kyodaku.log.merkle.MerkleVerifier;
import org.kyodaku.log.note.VerifierKey;

/**
 * The complete tiny tiled log Tessera wrote ({@code tessera-log/}): for every size 1..15 the
 * checkpoint verifies under the log key, the entry bundle parses and its leaf hashes are the
 * level-0 tile, the root read back from the tiles is the checkpoint's, proofs built from tiles
 * equal the in-memory ones; and the tile set we compute from the entries is exactly the directory.
 */
class TesseraLogTest {
  private static final String LOG_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
  private static final JsonNode DERIVED = TestData.json("vectors/tessera-log-derived.json");
  private static final TileReader DIRECTORY = TileReader.ofDirectory(TestData.tlog("tessera-log"));

  private static List<byte[]> entries() {
    List<byte[]> out = new ArrayList<>();
    DERIVED.get("entries").forEach(e -> out.add(e.asText().getBytes(StandardCharsets.US_ASCII)));
    return out;
  }

  private static Checkpoint checkpoint(int size) {
    return CheckpointVerifier.forLog(VerifierKey.parse(LOG_VKEY))
        .verify(TestData.text("tessera-log/checkpoint." + size))
        .checkpoint();
  }

  static IntStream sizes() {
    return IntStream.rangeClosed(1, 15);
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("sizes")
  void bundleAndTile_tesseraSize_leafHashesMatchAndRootIsCheckpoints(int size) throws IOException {
    Checkpoint cp = checkpoint(size);
    EntryBundle bundle = EntryBundle.parse(DIRECTORY.read(TilePaths.entryBundle(0, size)), size);
    assertThat(bundle.entries())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(entries().subList(0, size));
    HashTile tile =
        HashTile.parse(new Tile(0, 0, size), DIRECTORY.read(TilePaths.tile(0, 0, size)));
    assertThat(tile.hashes()).isEqualTo(bundle.leafHashes());
    assertThat(MerkleTree.over(TileHashSource.of(DIRECTORY, size)).root()).isEqualTo(cp.root());
  }

  @ParameterizedTest(name = "size {0}")
  @MethodSource("sizes")
  void proofs_fromTiles_equalInMemoryProofsAndVerify(int size) {
    Checkpoint cp = checkpoint(size);
    MerkleTree fromTiles = MerkleTree.over(TileHashSource.of(DIRECTORY, size));
    MerkleTree inMemory = MerkleTree.ofEntries(entries().subList(0, size));
    for (int i = 0; i < size; i++) {
      var proof = fromTiles.inclusionProof(i, size);
      assertThat(proof).isEqualTo(inMemory.inclusionProof(i, size));
      MerkleVerifier.verifyInclusion(MerkleHasher.leafHash(entries().get(i)), proof, cp.root());
    }
    for (int old = 1; old < size; old++) {
      ConsistencyProof proof = fromTiles.consistencyProof(old, size);
      MerkleVerifier.verifyConsistency(proof, checkpoint(old).root(), cp.root());
    }
  }

  @Test
  void write_everySize_reproducesTesseraDirectoryExactly() {
    Map<String, byte[]> ours = new TreeMap<>();
    for (int size = 1; size <= 15; size++) {
      ours.putAll(TileWriter.write(entries().subList(0, size)));
    }
    Map<String, byte[]> theirs = directoryTiles();
    assertThat(ours.keySet()).containsExactlyElementsOf(theirs.keySet());
    ours.forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(theirs.get(path)));
    assertThat(ours).hasSize(30);
  }

  @Test
  void write_256Entries_fullTileAndLevel1PartialOfWidth1() {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      entries.add(("e" + i).getBytes(StandardCharsets.US_ASCII));
    }
    Map<String, byte[]> tiles = TileWriter.write(entries);
    assertThat(tiles.keySet()).containsExactly("tile/0/000", "tile/1/000.p/1", "tile/entries/000");
    MerkleTree tree = MerkleTree.ofEntries(entries);
    assertThat(new Hash(tiles.get("tile/1/000.p/1"))).isEqualTo(tree.root());
  }

  @Test
  void tileHashSource_largerTreeFromWrittenTiles_rootsAndProofsMatch() {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      entries.add(("e" + i).getBytes(StandardCharsets.US_ASCII));
    }
    HashSource memory = HashSource.ofEntries(entries);
    TileReader store = TileReader.ofMap(TileWriter.hashTiles(memory));
    MerkleTree fromTiles = MerkleTree.over(TileHashSource.of(store, 70_000));
    MerkleTree inMemory = MerkleTree.over(memory);
    assertThat(fromTiles.root()).isEqualTo(inMemory.root());
    for (long i : new long[] {0, 255, 256, 65_535, 65_536, 69_999}) {
      assertThat(fromTiles.inclusionProof(i, 70_000)).isEqualTo(inMemory.inclusionProof(i, 70_000));
    }
    assertThat(fromTiles.consistencyProof(65_536 + 17, 70_000))
        .isEqualTo(inMemory.consistencyProof(65_536 + 17, 70_000));
  }

  @Test
  void tileHashSource_truncatedTile_quotesPathAndSizes() {
    TileReader broken = path -> new byte[32 * 14];
    assertThatThrownBy(() -> MerkleTree.over(TileHashSource.of(broken, 15)).root())
        .isInstanceOf(TileException.class)
        .hasMessage("tile/0/000.p/15 has 448 bytes, expected 480 (15 hashes)");
  }

  @Test
  void tileHashSource_missingTile_namesPath() {
    TileReader empty = TileReader.ofMap(Map.of());
    assertThatThrownBy(() -> MerkleTree.over(TileHashSource.of(empty, 3)).root())
        .isInstanceOf(TileException.class)
        .hasMessageStartingWith("cannot read tile/0/000.p/3: java.nio.file.NoSuchFileException");
  }

  @Test
  void entryBundle_truncated_quotesDeclaredAndRemaining() {
    byte[] bad = {0, 3, 'o', 'n', 'e', 0, 5, 't', 'w'};
    assertThatThrownBy(() -> EntryBundle.parse(bad))
        .isInstanceOf(TileException.class)
        .hasMessage("entry bundle truncated: entry 1 declares 5 bytes, 2 remain");
    assertThatThrownBy(() -> EntryBundle.parse(new byte[] {0, 3, 'o', 'n', 'e', 0}))
        .isInstanceOf(TileException.class)
        .hasMessage("entry bundle truncated: 1 byte left at offset 5, expected a 2-byte length");
  }

  @Test
  void entryBundle_wrongWidth_quotesCounts() throws IOException {
    byte[] three = DIRECTORY.read("tile/entries/000.p/3");
    assertThatThrownBy(() -> EntryBundle.parse(three, 4))
        .isInstanceOf(TileException.class)
        .hasMessage("entry bundle has 3 entries, expected 4");
  }

  @Test
  void entryBundle_oversizedEntry_refused() {
    assertThatThrownBy(() -> EntryBundle.of(List.of(new byte[65_536])))
        .isInstanceOf(TileException.class)
        .hasMessage("entry 0 has 65536 bytes, at most 65535 fit a bundle");
  }

  private static Map<String, byte[]> directoryTiles() {
    Path root = TestData.tlog("tessera-log");
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root.resolve("tile"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
