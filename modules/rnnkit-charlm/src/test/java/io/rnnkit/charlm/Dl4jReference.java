package io.rnnkit.charlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sampling and evaluation the way the model did them before the inference engine: DL4J's stateful
 * {@code network().step}. The reference the engine's results must equal; test code only, one thread at a time.
 */
final class Dl4jReference {
    private Dl4jReference() {
    }

    /** Bits per character of {@code text} after {@code context}, stepping DL4J 512 characters per call. */
    static double bpc(CharLanguageModel m, String context, String text) {
        CharCodec codec = new CharCodec(m.vocabulary());
        int[] ctx = codec.encode(context);
        int[] body = codec.encode(text);
        int[] all = new int[ctx.length + body.length];
        System.arraycopy(ctx, 0, all, 0, ctx.length);
        System.arraycopy(body, 0, all, ctx.length, body.length);
        int firstScored = Math.max(1, ctx.length);
        double bits = 0;
        long scored = 0;
        m.network().resetState();
        for (int from = 0; from < all.length - 1; from += 512) {
            int to = Math.min(all.length - 1, from + 512);
            float[][] p = m.network().step(input(m, new int[][] {Arrays.copyOfRange(all, from, to)})).slice(0)
                    .toFloatMatrix();
            for (int i = from; i < to; i++) {
                if (i + 1 >= firstScored) {
                    bits -= Math.log(Math.max(p[all[i + 1]][i - from], Tally.MIN_PROBABILITY)) / Math.log(2);
                    scored++;
                }
            }
        }
        m.network().resetState();
        return bits / scored;
    }

    /** The samples of {@code o} (a prefix of known characters, or none). */
    static List<String> samples(CharLanguageModel m, SamplingOptions o) {
        CharCodec codec = new CharCodec(m.vocabulary());
        int[] context = codec.encode(o.prefix());
        if (context.length == 0) {
            context = new int[] {codec.indexOf('\n')};
        }
        Random[] random = new Random[o.count()];
        int[][] rows = new int[o.count()][];
        StringBuilder[] out = new StringBuilder[o.count()];
        for (int s = 0; s < random.length; s++) {
            random[s] = new Random(o.seed() + s * 0x9E3779B97F4A7C15L);
            rows[s] = context;
            out[s] = new StringBuilder();
        }
        m.network().resetState();
        double[][] p = lastStep(m.network().step(input(m, rows)));
        for (int t = 0; t < o.length(); t++) {
            for (int s = 0; s < rows.length; s++) {
                int id = CharLanguageModel.choose(p[s], o, random[s]);
                out[s].append(codec.decode(id));
                rows[s] = new int[] {id};
            }
            p = lastStep(m.network().step(input(m, rows)));
        }
        m.network().resetState();
        List<String> samples = new ArrayList<>();
        for (StringBuilder b : out) {
            samples.add(b.toString());
        }
        return samples;
    }

    private static INDArray input(CharLanguageModel m, int[][] rows) {
        int batch = rows.length;
        int time = rows[0].length;
        if (m.config().embeddingDim() > 0) {
            INDArray x = Nd4j.create(DataType.FLOAT, batch, time);
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < time; t++) {
                    x.putScalar(b, t, rows[b][t]);
                }
            }
            return x;
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, m.vocabulary().size(), time);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                x.putScalar(new long[] {b, rows[b][t], t}, 1.0);
            }
        }
        return x;
    }

    private static double[][] lastStep(INDArray out) {
        return out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(out.size(2) - 1))
                .castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
