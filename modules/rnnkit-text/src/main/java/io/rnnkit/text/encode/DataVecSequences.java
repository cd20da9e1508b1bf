package io.rnnkit.text.encode;

import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.records.reader.impl.collection.CollectionSequenceRecordReader;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator.AlignmentMode;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Bridges between DataVec sequence record readers and rnnkit's encoded sequences.
 *
 * <p>Two directions: encoded sequences become a {@link SequenceRecordReader} (one integer column per step)
 * that DL4J's {@link SequenceRecordReaderDataSetIterator} consumes, with {@link #manyToOne} giving the
 * ALIGN_END many-to-one setup; and any DataVec sequence reader with an integer column becomes
 * {@code List<int[]>} for the rnnkit iterators ({@link #readSequences}), which add length bucketing.
 * DL4J's iterator lives in {@code deeplearning4j-datavec-iterators}, which needs only datavec-api and
 * nd4j-api (not deeplearning4j-core).
 */
public final class DataVecSequences {
    private DataVecSequences() {
    }

    /** A reader over {@code sequences}: each step is a record with one {@link IntWritable}. */
    public static SequenceRecordReader asRecordReader(List<int[]> sequences) {
        List<List<List<Writable>>> data = new ArrayList<>(sequences.size());
        for (int[] seq : sequences) {
            List<List<Writable>> steps = new ArrayList<>(seq.length);
            for (int v : seq) {
                steps.add(List.of(new IntWritable(v)));
            }
            data.add(steps);
        }
        return new CollectionSequenceRecordReader(data);
    }

    /** A reader of one-step sequences holding one class each, the labels side of {@link #manyToOne}. */
    public static SequenceRecordReader classReader(int[] classes) {
        List<int[]> seqs = new ArrayList<>(classes.length);
        for (int c : classes) {
            seqs.add(new int[] {c});
        }
        return asRecordReader(seqs);
    }

    /**
     * DL4J's many-to-one iterator: features from {@code features} (one column per step feature), one class
     * per sequence from {@code labels}, aligned to the end of each sequence (ALIGN_END) with masks.
     */
    public static DataSetIterator manyToOne(SequenceRecordReader features, SequenceRecordReader labels,
                                            int batchSize, int numClasses) {
        if (batchSize < 1 || numClasses < 1) {
            throw new IllegalArgumentException("batchSize and numClasses must be >= 1, got " + batchSize + " and " + numClasses);
        }
        return new SequenceRecordReaderDataSetIterator(features, labels, batchSize, numClasses, false, AlignmentMode.ALIGN_END);
    }

    /**
     * Reads every sequence of {@code reader}, taking integer column {@code column} of each step.
     *
     * @throws IllegalArgumentException naming the sequence and step of a missing column or non-integer value
     */
    public static List<int[]> readSequences(SequenceRecordReader reader, int column) {
        if (column < 0) {
            throw new IllegalArgumentException("column must be >= 0, got " + column);
        }
        List<int[]> out = new ArrayList<>();
        reader.reset();
        while (reader.hasNext()) {
            List<List<Writable>> steps = reader.sequenceRecord();
            int[] seq = new int[steps.size()];
            for (int t = 0; t < seq.length; t++) {
                List<Writable> step = steps.get(t);
                if (column >= step.size()) {
                    throw new IllegalArgumentException("sequence " + out.size() + " step " + t + " has " + step.size()
                            + " columns; column " + column + " does not exist");
                }
                String value = step.get(column).toString();
                try {
                    seq[t] = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sequence " + out.size() + " step " + t + " column " + column
                            + ": '" + value + "' is not an integer index");
                }
            }
            out.add(seq);
        }
        return out;
    }
}
