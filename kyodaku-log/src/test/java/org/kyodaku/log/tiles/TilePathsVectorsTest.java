package org.kyodaku.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyodaku.log.TestData;

/**
 * {@code vectors/tile-paths.json}: C2SP index encoding, tile and entry-bundle paths, Tessera's
 * parse cases and tile counts per tree size.
 */
class TilePathsVectorsTest {
  private static final JsonNode V = TestData.json("vectors/tile-paths.json");

  static List<JsonNode> indexEncoding() {
    return list("indexEncoding");
  }

  static List<JsonNode> tilePaths() {
    return list("tilePaths");
  }

  static List<JsonNode> entryBundlePaths() {
    return list("entryBundlePaths");
  }

  static List<JsonNode> entryForLogIndex() {
    return list("entryForLogIndex");
  }

  static List<JsonNode> parseIndexOk() {
    return list("parseIndexOk");
  }

  static List<JsonNode> parseIndexBad() {
    return list("parseIndexBad");
  }

  static List<JsonNode> tilesForSize() {
    return list("tilesForSize");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexEncoding")
  void encodeIndex_vector_matchesPath(JsonNode v) {
    assertThat(TilePaths.encodeIndex(v.get("n").asLong())).isEqualTo(v.get("path").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tilePaths")
  void tile_vector_matchesPathAndParsesBack(JsonNode v) {
    Tile tile = new Tile(v.get("level").asInt(), v.get("index").asLong(), v.get("width").asInt());
    assertThat(tile.path()).isEqualTo(v.get("path").asText());
    assertThat(TilePaths.parseTilePath(tile.path())).isEqualTo(tile);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entryBundlePaths")
  void entryBundle_vector_matchesPath(JsonNode v) {
    assertThat(TilePaths.entryBundle(v.get("index").asLong(), v.get("width").asInt()))
        .isEqualTo(v.get("path").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entryForLogIndex")
  void entryBundleFor_vector_matchesPath(JsonNode v) {
    assertThat(TilePaths.entryBundleFor(v.get("seq").asLong(), v.get("logSize").asLong()))
        .isEqualTo(v.get("path").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseIndexOk")
  void parseTile_goodVector_indexAndWidth(JsonNode v) {
    Tile tile = TilePaths.parseTile(v.get("level").asText(), v.get("index").asText());
    int width = v.get("wantWidth").asInt();
    assertThat(tile.level()).isEqualTo(Integer.parseInt(v.get("level").asText()));
    assertThat(tile.index()).isEqualTo(v.get("wantIndex").asLong());
    assertThat(tile.width()).isEqualTo(width == 0 ? TilePaths.TILE_WIDTH : width);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseIndexBad")
  void parseTile_badVector_refused(JsonNode v) {
    assertThatThrownBy(() -> TilePaths.parseTile(v.get(0).asText(), v.get(1).asText()))
        .isInstanceOf(TileException.class)
        .hasMessageMatching("(tile level|tile index|partial width) .+");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tilesForSize")
  void tileCounts_vectorSize_fullAndPartialPerLevel(JsonNode v) {
    long size = v.get("size").asLong();
    int level = 0;
    for (; v.has("level" + level); level++) {
      JsonNode want = v.get("level" + level);
      assertThat(Tile.fullTiles(level, size)).isEqualTo(want.get("full").asLong());
      int width = want.get("partialWidth").asInt();
      assertThat(Tile.partialTile(level, size).map(Tile::width).orElse(0)).isEqualTo(width);
    }
    assertThat(Tile.nodesAtLevel(level, size)).isZero();
  }

  @Test
  void parseTile_messages_quoteTheOffendingPart() {
    assertThatThrownBy(() -> TilePaths.parseTile("64", "x001/002"))
        .isInstanceOf(TileException.class)
        .hasMessage("tile level \"64\" is not a decimal in 0..63");
    assertThatThrownBy(() -> TilePaths.parseTile("8", "x001/002.p/256"))
        .isInstanceOf(TileException.class)
        .hasMessage("partial width \"256\" in \"x001/002.p/256\" is not a decimal in 1..255");
    assertThatThrownBy(() -> TilePaths.parseTile("8", "x001/0002"))
        .isInstanceOf(TileException.class)
        .hasMessage("tile index \"x001/0002\": group \"0002\" is not three digits");
    assertThatThrownBy(() -> TilePaths.parseTile("63", "x999/x999/x999/x999/x999/x999/999.p/255"))
        .isInstanceOf(TileException.class)
        .hasMessage(
            "tile index \"x999/x999/x999/x999/x999/x999/999.p/255\" exceeds " + Long.MAX_VALUE);
  }

  @Test
  void encodeIndex_largestLong_roundTrips() {
    String path = TilePaths.tile(0, Long.MAX_VALUE, 1);
    assertThat(path).isEqualTo("tile/0/x009/x223/x372/x036/x854/x775/807.p/1");
    assertThat(TilePaths.parseTilePath(path).index()).isEqualTo(Long.MAX_VALUE);
  }

  private static List<JsonNode> list(String field) {
    List<JsonNode> out = new ArrayList<>();
    V.get(field).forEach(out::add);
    return out;
  }
}
