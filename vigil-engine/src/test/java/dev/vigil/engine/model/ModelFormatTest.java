package dev.vigil.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFormatTest {
  private final SensorTable series = TestSeries.normal(3000, 5);
  private final TrainedModel model = Trainer.train(series.rows(0, 2000), DetectorConfig.DEFAULTS);

  @Test
  void a_model_read_back_scores_bit_for_bit_like_the_one_written() {
    TrainedModel copy = ModelFormat.fromBytes(ModelFormat.toBytes(model));
    SensorTable faulty = TestSeries.withOffset(series, 0, 2500, 2600, 10.0);

    List<ScoredRow> original = model.newScorer().score(faulty, 2000, 3000, null);
    List<ScoredRow> restored = copy.newScorer().score(faulty, 2000, 3000, null);

    for (int i = 0; i < original.size(); i++) {
      assertThat(ModelFixture.describe(restored.get(i)))
          .isEqualTo(ModelFixture.describe(original.get(i)));
    }
    assertThat(original).anyMatch(r -> r.prediction() == 1);
    assertThat(copy.summary()).isEqualTo(model.summary());
    assertThat(copy.config()).isEqualTo(model.config());
    assertThat(copy.sensorNames()).isEqualTo(model.sensorNames());
    assertThat(copy.preprocessing()).isEqualTo(model.preprocessing());
  }

  @Test
  void the_saved_version_1_model_still_loads_and_scores_as_it_did() throws IOException {
    Path dir = Path.of(ModelFixture.DIRECTORY);
    TrainedModel saved;
    try (InputStream in = Files.newInputStream(dir.resolve("model-v1.bin"))) {
      saved = ModelFormat.read(in);
    }
    List<String> input = Files.readAllLines(dir.resolve("model-v1-input.csv"));
    List<String> expected = Files.readAllLines(dir.resolve("model-v1-expected.csv"));
    assertThat(input).hasSize(400).hasSameSizeAs(expected);

    Scorer scorer = saved.newScorer();
    for (int i = 0; i < input.size(); i++) {
      String[] cells = input.get(i).split(",");
      double[] values =
          Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray();
      ScoredRow row = scorer.score(Long.parseLong(cells[0]), values, false);
      assertThat(ModelFixture.describe(row)).as("row %d", i).isEqualTo(expected.get(i));
    }
    assertThat(expected).anyMatch(line -> line.split(",")[1].equals("1"));
    assertThat(saved.preprocessing()).isEqualTo(ModelFixture.PREPROCESSING);
  }

  @Test
  void bytes_that_are_not_a_model_are_refused() {
    byte[] text = "timestamp,flow\n2026-01-01,3\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ModelFormat.fromBytes(text))
        .isInstanceOf(VigilException.class)
        .hasMessage("not a Vigil model: the data does not start with 'VIGILMDL'");
    assertThatThrownBy(() -> ModelFormat.fromBytes(new byte[3]))
        .hasMessage("not a Vigil model: the data is shorter than the header");
  }

  @Test
  void a_truncated_model_is_refused() {
    byte[] bytes = ModelFormat.toBytes(model);
    assertThatThrownBy(() -> ModelFormat.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
        .isInstanceOf(VigilException.class)
        .hasMessage("damaged model: the data ends before the model does");
    assertThatThrownBy(() -> ModelFormat.fromBytes(Arrays.copyOf(bytes, bytes.length - 2)))
        .hasMessage("damaged model: the checksum at the end is missing");
  }

  @Test
  void a_changed_byte_is_caught_by_the_checksum() {
    byte[] bytes = ModelFormat.toBytes(model);
    // Byte 10 from the end lies inside the last double of the summary, before the CRC-32.
    bytes[bytes.length - 10] ^= 0x01;
    assertThatThrownBy(() -> ModelFormat.fromBytes(bytes))
        .isInstanceOf(VigilException.class)
        .hasMessage("damaged model: checksum mismatch");
  }

  @Test
  void a_model_from_a_newer_format_asks_for_an_upgrade() {
    byte[] bytes = ModelFormat.toBytes(model);
    ByteBuffer.wrap(bytes).putInt(ModelFormat.MAGIC.length, 2);
    assertThatThrownBy(() -> ModelFormat.fromBytes(bytes))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "model format version 2 is newer than this Vigil reads (up to 1); upgrade Vigil");
  }
}
