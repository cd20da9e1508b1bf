package io.rnnkit.text.encode;

import io.rnnkit.datasets.Datasets;
import io.rnnkit.text.CharTokenizer;
import io.rnnkit.text.Vocabulary;
import io.rnnkit.text.WordTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Rough single-thread throughput of tokenizers and the char-LM iterator on Moby Dick (best of 3 runs, thread CPU time).
 * Run with {@code java -cp <test classpath> io.rnnkit.text.encode.ThroughputReport}.
 */
public final class ThroughputReport {
    // CPU time of this thread, not wall time: the build machine is shared, so wall time measures the neighbours
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private ThroughputReport() {
    }

    /** Prints one line per measurement. */
    public static void main(String[] args) throws IOException {
        String text = Files.readString(Datasets.file(Datasets.MOBY_DICK, "data.txt"));
        System.out.printf(Locale.ROOT, "moby-dick: %,d chars%n", text.length());
        WordTokenizer words = new WordTokenizer();
        CharTokenizer chars = new CharTokenizer();
        CharTokenizer graphemes = new CharTokenizer(CharTokenizer.Unit.GRAPHEME);
        for (var entry : new Object[][] {{"word tokenizer", words}, {"char tokenizer (code points)", chars},
                {"char tokenizer (graphemes)", graphemes}}) {
            io.rnnkit.text.Tokenizer t = (io.rnnkit.text.Tokenizer) entry[1];
            long best = Long.MAX_VALUE;
            int count = 0;
            for (int run = 0; run < 3; run++) {
                long start = CPU.getCurrentThreadCpuTime();
                count = t.tokenize(text).size();
                best = Math.min(best, CPU.getCurrentThreadCpuTime() - start);
            }
            System.out.printf(Locale.ROOT, "%s: %,d tokens, %.1f M chars/s%n", entry[0], count, text.length() / (best / 1e3));
        }
        Vocabulary vocab = Vocabulary.ofCharacters(text);
        long best = Long.MAX_VALUE;
        long steps = 0;
        int batches = 0;
        for (int run = 0; run < 3; run++) {
            CharSequenceIterator it = CharSequenceIterator.of(text, vocab, 100, Batching.shuffled(32, 1));
            long start = CPU.getCurrentThreadCpuTime();
            steps = 0;
            batches = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                steps += (long) ds.getFeaturesMaskArray().sumNumber().doubleValue();
                batches++;
            }
            best = Math.min(best, CPU.getCurrentThreadCpuTime() - start);
        }
        System.out.printf(Locale.ROOT, "char iterator (one-hot V=%d, T=100, B=32): %d batches, %,d steps in %.2f s CPU = %.2f M steps/s%n",
                vocab.size(), batches, steps, best / 1e9, steps / (best / 1e3));
    }
}
