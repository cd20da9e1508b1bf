package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.NumberedFileInputSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class DataVecSequencesTest {
    private static final List<int[]> SEQS = List.of(new int[] {2, 3, 4}, new int[] {5});
    private static final int[] CLASSES = {1, 0};

    @TempDir
    Path dir;

    @Test
    void dl4jAlignEndIteratorMatchesRnnkitAlignEnd() {
        DataSetIterator it = DataVecSequences.manyToOne(DataVecSequences.asRecordReader(SEQS),
                DataVecSequences.classReader(CLASSES), 2, 2);
        DataSet dl4j = it.next();
        assertFalse(it.hasNext());
        assertArrayEquals(new long[] {2, 1, 3}, dl4j.getFeatures().shape());
        assertArrayEquals(new long[] {2, 2, 3}, dl4j.getLabels().shape());
        assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}}, dl4j.getLabelsMaskArray().toFloatMatrix());

        DataSet ours = RnnTensors.classification(PaddedBatch.pad(SEQS, PadSpec.upTo(PadSpec.NO_LIMIT)), CLASSES, 2,
                FeatureLayout.INDICES, 0, LabelLayout.ALIGN_END);
        assertEquals(dl4j.getFeatures(), ours.getFeatures());
        assertEquals(dl4j.getLabels(), ours.getLabels());
        assertEquals(dl4j.getFeaturesMaskArray(), ours.getFeaturesMaskArray());
        assertEquals(dl4j.getLabelsMaskArray(), ours.getLabelsMaskArray());
    }

    @Test
    void csvSequenceFilesFeedTheRnnkitIterators() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("seq_0.csv"), "2,DET\n3,NOUN\n4,VERB\n");
        Files.writeString(dir.resolve("seq_1.csv"), "5,NOUN\n");
        SequenceRecordReader reader = new CSVSequenceRecordReader(0, ",");
        reader.initialize(new NumberedFileInputSplit(dir.resolve("seq_%d.csv").toString(), 0, 1));
        List<int[]> seqs = DataVecSequences.readSequences(reader, 0);
        assertEquals(2, seqs.size());
        assertArrayEquals(SEQS.get(0), seqs.get(0));
        assertArrayEquals(SEQS.get(1), seqs.get(1));
        DataSet ds = SequenceClassificationIterator.builder(seqs, CLASSES, 2).labelLayout(LabelLayout.ALIGN_END).build().next();
        assertArrayEquals(new long[] {2, 2, 3}, ds.getLabels().shape());

        assertEquals("sequence 0 step 0 has 2 columns; column 2 does not exist",
                assertThrows(IllegalArgumentException.class, () -> DataVecSequences.readSequences(reader, 2)).getMessage());
        assertEquals("sequence 0 step 0 column 1: 'DET' is not an integer index",
                assertThrows(IllegalArgumentException.class, () -> DataVecSequences.readSequences(reader, 1)).getMessage());
    }
}
