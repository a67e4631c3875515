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

class SoftmaxRegressionTest {
    private static final float[][] CENTERS = {{5f, 0f, 0f, 1f}, {0f, 5f, 0f, 1f}, {0f, 0f, 5f, 1f}};
    private static final SoftmaxRegression.Settings SETTINGS = new SoftmaxRegression.Settings(30, 16, 0.01, 1e-4, 3L);

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

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static SoftmaxRegression trained() {
        int[] y = new int[60];
        float[][] x = points(20, 1L, y);
        return SoftmaxRegression.train(x, y, 3, SETTINGS);
    }

    private static byte[] bytes(SoftmaxRegression model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.write(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void should_classify_held_out_points_correctly_when_clusters_are_linearly_separable() {
        SoftmaxRegression model = trained();
        int[] y = new int[90];
        float[][] test = points(30, 99L, y);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            correct += argmax(model.logProbabilities(test[i])) == y[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(88);
        assertThat(argmax(model.logProbabilities(CENTERS[0]))).isZero();
        assertThat(argmax(model.logProbabilities(CENTERS[1]))).isEqualTo(1);
        assertThat(argmax(model.logProbabilities(CENTERS[2]))).isEqualTo(2);
        assertThat(model.dimension()).isEqualTo(4);
    }

    @Test
    void should_give_probabilities_summing_to_one_when_log_probabilities_are_exponentiated() {
        SoftmaxRegression model = trained();
        for (float[] v : new float[][] {CENTERS[0], {100f, -100f, 3f, 1f}, {0f, 0f, 0f, 0f}}) {
            double[] log = model.logProbabilities(v);
            assertThat(Arrays.stream(log).map(Math::exp).sum()).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void should_produce_identical_models_when_trained_twice_with_the_same_seed() throws IOException {
        assertThat(bytes(trained())).isEqualTo(bytes(trained()));
    }

    @Test
    void should_predict_identically_when_written_and_read_back() throws IOException {
        SoftmaxRegression model = trained();
        byte[] bytes = bytes(model);
        SoftmaxRegression copy = SoftmaxRegression.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertThat(copy.dimension()).isEqualTo(model.dimension());
        for (float[] v : new float[][] {CENTERS[0], CENTERS[2], {1f, 2f, 3f, 4f}}) {
            assertThat(copy.logProbabilities(v)).containsExactly(model.logProbabilities(v));
        }
        assertThat(bytes(copy)).isEqualTo(bytes);
    }

    @Test
    void should_reject_the_stream_when_sizes_are_corrupt() throws IOException {
        assertThatThrownBy(() -> read(header(1, 4)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt softmax model");
        assertThatThrownBy(() -> read(header(3, 0))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(header(100_000, 100_000))).isInstanceOf(IOException.class);
        ByteArrayOutputStream wrongLength = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(wrongLength)) {
            out.writeInt(3);
            out.writeInt(4);
            out.writeInt(11); // weights should hold 3 * 4 = 12 values
        }
        assertThatThrownBy(() -> read(wrongLength.toByteArray()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected 12 values, found 11");
    }

    @Test
    void should_fail_with_an_io_exception_when_the_stream_is_truncated() throws IOException {
        byte[] bytes = bytes(trained());
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 3))).isInstanceOf(IOException.class);
    }

    @Test
    void should_reject_settings_when_they_are_invalid() {
        assertThatThrownBy(() -> new SoftmaxRegression.Settings(0, 16, 0.01, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoftmaxRegression.Settings(1, 0, 0.01, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoftmaxRegression.Settings(1, 16, Double.NaN, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoftmaxRegression.Settings(1, 16, 0.01, -1, 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SoftmaxRegression read(byte[] bytes) throws IOException {
        return SoftmaxRegression.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static byte[] header(int classes, int dimension) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(classes);
            out.writeInt(dimension);
        }
        return bytes.toByteArray();
    }
}
