package org.kyodaku.fingerprint.iscc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of the ISO 24138 conformance suite ({@code shared/testdata/iscc/data.json},
 * iscc-core 1.3.0) through one test, comparing every output field.
 *
 * <p>The file is found by walking up from the working directory to a directory that holds {@code
 * shared/testdata/iscc/data.json} (the repository's parent in a checkout with {@code shared/}
 * beside it); the environment variable {@code KYODAKU_SHARED} names the {@code shared} directory
 * explicitly when the checkout lives elsewhere.
 */
class IsccConformanceTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final List<String> FUNCTIONS =
      List.of(
          "gen_meta_code_v0",
          "gen_text_code_v0",
          "gen_image_code_v0",
          "gen_audio_code_v0",
          "gen_video_code_v0",
          "gen_mixed_code_v0",
          "gen_data_code_v0",
          "gen_instance_code_v0",
          "gen_iscc_code_v0");

  private final IsccHasher iscc = new IsccHasher();

  static Path dataJson() {
    return org.kyodaku.testkit.SharedTestData.resolve("iscc/data.json");
  }

  static Stream<Arguments> vectors() throws IOException {
    JsonNode root = JSON.readTree(dataJson().toFile());
    List<Arguments> all = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            function -> {
              if (function.startsWith("_")) {
                return;
              }
              assertThat(FUNCTIONS).as("functions this test knows").contains(function);
              for (Map.Entry<String, JsonNode> t : root.get(function).properties()) {
                all.add(
                    Arguments.of(
                        function,
                        t.getKey(),
                        t.getValue().get("inputs"),
                        t.getValue().get("outputs")));
              }
            });
    assertThat(all).hasSize(50);
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectors")
  void generate_conformanceVector_matchesReference(
      String function, String test, JsonNode inputs, JsonNode expected) throws IOException {
    ObjectNode actual = JSON.createObjectNode();
    switch (function) {
      case "gen_meta_code_v0" -> {
        String name = inputs.get(0).asText();
        String description = inputs.get(1).isNull() ? null : inputs.get(1).asText();
        JsonNode meta = inputs.get(2);
        int bits = inputs.get(3).asInt();
        MetaCode m =
            meta.isNull()
                ? iscc.meta(name, description, bits)
                : meta.isTextual()
                    ? iscc.metaWithDataUrl(name, description, meta.asText(), bits)
                    : iscc.metaWithJson(name, description, JSON.writeValueAsString(meta), bits);
        actual.put("iscc", m.code().text());
        actual.put("name", m.name());
        m.description().ifPresent(d -> actual.put("description", d));
        m.meta().ifPresent(d -> actual.put("meta", d));
        actual.put("metahash", m.metahash());
        assertThat(m.code().algorithm()).isEqualTo("iscc-meta-v0");
      }
      case "gen_text_code_v0" -> {
        TextCode t = iscc.text(inputs.get(0).asText(), inputs.get(1).asInt());
        actual.put("iscc", t.code().text());
        actual.put("characters", (long) t.characters());
        assertThat(t.code().algorithm()).isEqualTo("iscc-text-v0");
      }
      case "gen_image_code_v0" -> {
        IsccCode c = iscc.image(ints(inputs.get(0)), inputs.get(1).asInt());
        actual.put("iscc", c.text());
        assertThat(c.algorithm()).isEqualTo("iscc-image-v0");
      }
      case "gen_audio_code_v0" -> {
        IsccCode c = iscc.audio(ints(inputs.get(0)), inputs.get(1).asInt());
        actual.put("iscc", c.text());
        assertThat(c.algorithm()).isEqualTo("iscc-audio-v0");
      }
      case "gen_video_code_v0" -> {
        List<int[]> frames = new ArrayList<>();
        inputs.get(0).forEach(frame -> frames.add(ints(frame)));
        IsccCode c = iscc.video(frames, inputs.get(1).asInt());
        actual.put("iscc", c.text());
        assertThat(c.algorithm()).isEqualTo("iscc-video-v0");
      }
      case "gen_mixed_code_v0" -> {
        List<IsccCode> parts = codes(inputs.get(0));
        IsccCode c = iscc.mixed(parts, inputs.get(1).asInt());
        actual.put("iscc", c.text());
        var partsNode = actual.putArray("parts");
        parts.forEach(p -> partsNode.add(p.text().substring("ISCC:".length())));
        assertThat(c.algorithm()).isEqualTo("iscc-mixed-v0");
      }
      case "gen_data_code_v0" -> {
        IsccCode c = iscc.data(stream(inputs.get(0)), inputs.get(1).asInt());
        actual.put("iscc", c.text());
        assertThat(c.algorithm()).isEqualTo("iscc-data-v0");
      }
      case "gen_instance_code_v0" -> {
        InstanceCode i = iscc.instance(stream(inputs.get(0)), inputs.get(1).asInt());
        actual.put("iscc", i.code().text());
        actual.put("datahash", i.datahash());
        actual.put("filesize", i.filesize());
        assertThat(i.code().algorithm()).isEqualTo("iscc-instance-v0");
      }
      case "gen_iscc_code_v0" -> {
        IsccCode c = iscc.composite(codes(inputs.get(0)), false);
        actual.put("iscc", c.text());
        assertThat(c.algorithm()).isEqualTo("iscc-code-v0");
        assertThat(IsccCode.parse(c.text())).isEqualTo(c);
      }
      default -> throw new AssertionError("no generator for " + function);
    }
    assertThat(actual).as("%s %s", function, test).isEqualTo(expected);
  }

  private static int[] ints(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::intValue).toArray();
  }

  private static List<IsccCode> codes(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> IsccCode.parse(n.asText()))
        .toList();
  }

  /** A {@code stream:<hex>} input, delivered a few bytes per read to exercise the buffering. */
  private static InputStream stream(JsonNode input) {
    String text = input.asText();
    assertThat(text).startsWith("stream:");
    byte[] bytes = HexFormat.of().parseHex(text.substring("stream:".length()));
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }
}
