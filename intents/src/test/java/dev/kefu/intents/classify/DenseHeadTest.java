package dev.kefu.intents.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DenseHeadTest {
    private static final float[][] CENTERS = {{5f, 0f, 0f, 1f}, {0f, 5f, 0f, 1f}, {0f, 0f, 5f, 1f}};
    private static final DenseHead.Settings LINEAR = new DenseHead.Settings(0, 30, 16, 0.01, 1e-4, 3L);
    private static final DenseHead.Settings HIDDEN = new DenseHead.Settings(8, 30, 16, 0.01, 1e-4, 3L);

    private static float[][] points(int perClass, long seed, int[] labelsOut) {
        Random random = new Random(seed);
        float[][] x = new float[perClass * CENTERS.length][];
        for (int i = 0; i < x.length; i++) {
            int c = i % CENTERS.length;
            x[i] = new float[CENTERS[c].length];
            for (int j = 0; j < x[i].length; j++) {
                // the last dimension is constant: standardisation must cope with zero variance
                x[i][j] = j == x[i].length - 1 ? 1f : CENTERS[c][j] + (float) random.nextGaussian();
            }
            labelsOut[i] = c;
        }
        return x;
    }

    private static DenseHead trained(DenseHead.Settings settings) {
        int[] y = new int[60];
        float[][] x = points(20, 1L, y);
        return DenseHead.train(x, y, 3, settings);
    }

    static java.util.stream.Stream<DenseHead.Settings> both() {
        return java.util.stream.Stream.of(LINEAR, HIDDEN);
    }

    private static byte[] bytes(DenseHead model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.write(out);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("both")
    void should_classify_held_out_points_correctly_when_clusters_are_linearly_separable(DenseHead.Settings settings) {
        DenseHead model = trained(settings);
        int[] y = new int[90];
        float[][] test = points(30, 99L, y);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            correct += TextClassifierTrainer.argmax(model.logProbabilities(test[i])) == y[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(88);
        assertThat(TextClassifierTrainer.argmax(model.logProbabilities(CENTERS[0])))
                .isZero();
        assertThat(TextClassifierTrainer.argmax(model.logProbabilities(CENTERS[1])))
                .isEqualTo(1);
        assertThat(TextClassifierTrainer.argmax(model.logProbabilities(CENTERS[2])))
                .isEqualTo(2);
        assertThat(model.dimension()).isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("both")
    void should_give_probabilities_summing_to_one_when_log_probabilities_are_exponentiated(
            DenseHead.Settings settings) {
        DenseHead model = trained(settings);
        for (float[] v : new float[][] {CENTERS[0], {100f, -100f, 3f, 1f}, {0f, 0f, 0f, 0f}}) {
            double[] log = model.logProbabilities(v);
            assertThat(Arrays.stream(log).map(Math::exp).sum()).isCloseTo(1.0, within(1e-9));
        }
    }

    @ParameterizedTest
    @MethodSource("both")
    void should_produce_identical_models_when_trained_twice_with_the_same_seed(DenseHead.Settings settings)
            throws IOException {
        assertThat(bytes(trained(settings))).isEqualTo(bytes(trained(settings)));
    }

    @ParameterizedTest
    @MethodSource("both")
    void should_predict_identically_when_written_and_read_back(DenseHead.Settings settings) throws IOException {
        DenseHead model = trained(settings);
        byte[] bytes = bytes(model);
        DenseHead copy = DenseHead.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(copy.dimension()).isEqualTo(model.dimension());
        for (float[] v : new float[][] {CENTERS[0], CENTERS[2], {1f, 2f, 3f, 4f}}) {
            assertThat(copy.logProbabilities(v)).containsExactly(model.logProbabilities(v));
        }
        assertThat(bytes(copy)).isEqualTo(bytes);
    }

    /** XOR of two signs: no linear boundary separates it, one hidden layer does. */
    private static float[][] xor(int n, long seed, int[] labelsOut) {
        Random random = new Random(seed);
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            float a = (float) random.nextGaussian();
            float b = (float) random.nextGaussian();
            x[i] = new float[] {a, b};
            labelsOut[i] = (a > 0) == (b > 0) ? 0 : 1;
        }
        return x;
    }

    private static double accuracy(DenseHead model, float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += TextClassifierTrainer.argmax(model.logProbabilities(x[i])) == y[i] ? 1 : 0;
        }
        return (double) correct / x.length;
    }

    @ParameterizedTest
    @MethodSource("both")
    void should_give_the_training_pass_probabilities_exactly_when_predicting_with_the_inference_pass(
            DenseHead.Settings settings) {
        Random random = new Random(11L);
        int dimension = 48;
        int classes = 7;
        float[][] x = new float[140][dimension];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % classes;
            for (int j = 0; j < dimension; j++) {
                x[i][j] = (float) random.nextGaussian() + (j % classes == y[i] ? 1.5f : 0f);
            }
        }
        DenseHead model = DenseHead.train(x, y, classes, settings.withHidden(settings.hidden() > 0 ? 32 : 0));
        for (int i = 0; i < 200; i++) {
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) random.nextGaussian() * 2f;
            }
            assertThat(model.probabilities(v)).containsExactly(model.trainingPassProbabilities(v));
        }
    }

    @Test
    void should_learn_a_non_linear_boundary_when_it_has_a_hidden_layer() {
        int[] y = new int[800];
        float[][] x = xor(800, 5L, y);
        int[] testY = new int[400];
        float[][] test = xor(400, 6L, testY);
        DenseHead.Settings hidden = new DenseHead.Settings(16, 60, 16, 0.01, 1e-4, 3L);
        assertThat(accuracy(DenseHead.train(x, y, 2, hidden), test, testY)).isGreaterThan(0.9);
        assertThat(accuracy(DenseHead.train(x, y, 2, hidden.withEpochs(60).withHidden(0)), test, testY))
                .isLessThan(0.75);
    }

    @Test
    void should_keep_the_epoch_with_the_lowest_validation_loss_when_validation_data_is_given() {
        int[] y = new int[60];
        float[][] x = points(20, 1L, y);
        int[] flipped = y.clone();
        for (int i = 0; i < flipped.length; i += 2) {
            flipped[i] = (flipped[i] + 1) % 3; // half the labels wrong: more epochs only memorise noise
        }
        int[] validY = new int[90];
        float[][] valid = points(30, 99L, validY);
        DenseHead.Fit fit =
                DenseHead.train(x, flipped, 3, new DenseHead.Settings(32, 200, 8, 0.01, 0, 3L), valid, validY);
        assertThat(fit.epochs()).isBetween(1, 199);
        DenseHead full = DenseHead.train(x, flipped, 3, new DenseHead.Settings(32, 200, 8, 0.01, 0, 3L));
        assertThat(accuracy(fit.head(), valid, validY)).isGreaterThanOrEqualTo(accuracy(full, valid, validY));
        DenseHead again = DenseHead.train(x, flipped, 3, new DenseHead.Settings(32, fit.epochs(), 8, 0.01, 0, 3L));
        assertThat(again.logProbabilities(CENTERS[1]))
                .containsExactly(fit.head().logProbabilities(CENTERS[1]));
    }

    @Test
    void should_reject_the_stream_when_sizes_are_corrupt() throws IOException {
        assertThatThrownBy(() -> read(header(1, 4, 0)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt dense head");
        assertThatThrownBy(() -> read(header(3, 0, 0))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(header(3, 4, -1))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(header(100_000, 100_000, 0))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(header(3, 100_000, 1_000))).isInstanceOf(IOException.class);
        ByteArrayOutputStream wrongLength = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(wrongLength)) {
            out.writeInt(3);
            out.writeInt(4);
            out.writeInt(2);
            out.writeInt(7); // the hidden weights should hold 2 * 4 = 8 values
        }
        assertThatThrownBy(() -> read(wrongLength.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected 8 values, found 7");
    }

    @Test
    void should_fail_with_an_io_exception_when_the_stream_is_truncated() throws IOException {
        for (DenseHead.Settings settings : new DenseHead.Settings[] {LINEAR, HIDDEN}) {
            byte[] bytes = bytes(trained(settings));
            assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 3)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void should_reject_settings_when_they_are_invalid() {
        assertThatThrownBy(() -> new DenseHead.Settings(-1, 1, 16, 0.01, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseHead.Settings(0, 0, 16, 0.01, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseHead.Settings(0, 1, 0, 0.01, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseHead.Settings(0, 1, 16, Double.NaN, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseHead.Settings(0, 1, 16, 0.01, -1, 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DenseHead read(byte[] bytes) throws IOException {
        return DenseHead.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static byte[] header(int classes, int dimension, int hidden) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(classes);
            out.writeInt(dimension);
            out.writeInt(hidden);
        }
        return bytes.toByteArray();
    }
}
