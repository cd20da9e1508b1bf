package io.rnnkit.text.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class RnnTensorsTest {
    private static final PaddedBatch BATCH =
            PaddedBatch.pad(List.of(new int[] {2, 3, 4}, new int[] {5}), PadSpec.keras().withPadding(Side.POST));

    @Test
    void indicesAreBatchOneTime() {
        var x = RnnTensors.indices(BATCH);
        assertArrayEquals(new long[] {2, 1, 3}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new float[] {2, 3, 4, 5, 0, 0}, x.data().asFloat());
    }

    @Test
    void oneHotLeavesPaddingZero() {
        var x = RnnTensors.oneHot(BATCH, 6);
        assertArrayEquals(new long[] {2, 6, 3}, x.shape());
        assertEquals(1f, x.getFloat(0, 2, 0));
        assertEquals(1f, x.getFloat(0, 4, 2));
        assertEquals(1f, x.getFloat(1, 5, 0));
        assertEquals(4f, x.sumNumber().floatValue());
        assertEquals(0f, x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).sumNumber().floatValue());
        assertEquals("index 5 in row 1 at step 0 is outside the one-hot depth [0, 5)",
                assertThrows(IllegalArgumentException.class, () -> RnnTensors.oneHot(BATCH, 5)).getMessage());
    }

    @Test
    void classificationPerSequence() {
        DataSet ds = RnnTensors.classification(BATCH, new int[] {1, 0}, 2, FeatureLayout.INDICES, 0, LabelLayout.PER_SEQUENCE);
        assertArrayEquals(new long[] {2, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[][] {{0, 1}, {1, 0}}, ds.getLabels().toFloatMatrix());
        assertArrayEquals(new float[][] {{1, 1, 1}, {1, 0, 0}}, ds.getFeaturesMaskArray().toFloatMatrix());
        assertNull(ds.getLabelsMaskArray());
    }

    @Test
    void classificationAlignEndPutsLabelAtLastRealStep() {
        DataSet ds = RnnTensors.classification(BATCH, new int[] {1, 0}, 2, FeatureLayout.ONE_HOT, 6, LabelLayout.ALIGN_END);
        assertArrayEquals(new long[] {2, 6, 3}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, 2, 3}, ds.getLabels().shape());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0}, ds.getLabels().data().asFloat());
        assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}}, ds.getLabelsMaskArray().toFloatMatrix());

        PaddedBatch pre = PaddedBatch.pad(List.of(new int[] {2, 3, 4}, new int[] {5}), PadSpec.keras());
        DataSet dsPre = RnnTensors.classification(pre, new int[] {1, 0}, 2, FeatureLayout.INDICES, 0, LabelLayout.ALIGN_END);
        assertArrayEquals(new float[][] {{0, 0, 1}, {0, 0, 1}}, dsPre.getLabelsMaskArray().toFloatMatrix());
        assertArrayEquals(new float[][] {{1, 1, 1}, {0, 0, 1}}, dsPre.getFeaturesMaskArray().toFloatMatrix());
    }

    @Test
    void labellingOneHotPerStepWithLabelMask() {
        PadSpec spec = PadSpec.keras().withPadding(Side.POST);
        PaddedBatch tags = PaddedBatch.pad(List.of(new int[] {0, 2, 1}, new int[] {2}), spec);
        DataSet ds = RnnTensors.labelling(BATCH, tags, 3, FeatureLayout.INDICES, 0);
        assertArrayEquals(new long[] {2, 3, 3}, ds.getLabels().shape());
        assertEquals(1f, ds.getLabels().getFloat(0, 0, 0));
        assertEquals(1f, ds.getLabels().getFloat(0, 2, 1));
        assertEquals(1f, ds.getLabels().getFloat(0, 1, 2));
        assertEquals(1f, ds.getLabels().getFloat(1, 2, 0));
        assertEquals(4f, ds.getLabels().sumNumber().floatValue());
        assertEquals(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
    }

    @Test
    void badLabelsAreClearErrors() {
        assertEquals("got 1 labels for 2 sequences", assertThrows(IllegalArgumentException.class,
                () -> RnnTensors.classification(BATCH, new int[] {1}, 2, FeatureLayout.INDICES, 0, LabelLayout.ALIGN_END)).getMessage());
        assertEquals("label 2 in row 1 is outside [0, 2)", assertThrows(IllegalArgumentException.class,
                () -> RnnTensors.classification(BATCH, new int[] {1, 2}, 2, FeatureLayout.INDICES, 0, LabelLayout.ALIGN_END)).getMessage());
        PaddedBatch shortTags = PaddedBatch.pad(List.of(new int[] {0, 2}, new int[] {2}), PadSpec.keras().withPadding(Side.POST));
        assertEquals("tag sequences do not line up with the token sequences (lengths [2, 1] vs [3, 1])",
                assertThrows(IllegalArgumentException.class, () -> RnnTensors.labelling(BATCH, shortTags, 3, FeatureLayout.INDICES, 0)).getMessage());
        assertEquals("example 0 has 3 tokens but 2 tags", assertThrows(IllegalArgumentException.class,
                () -> RnnTensors.requireSameLengths(List.of(new int[3]), List.of(new int[2]))).getMessage());
        PaddedBatch empty = PaddedBatch.pad(List.of(new int[0], new int[] {3}), PadSpec.keras());
        assertEquals("sequence in row 0 is empty: a many-to-one example needs at least one step", assertThrows(IllegalArgumentException.class,
                () -> RnnTensors.classification(empty, new int[] {0, 1}, 2, FeatureLayout.INDICES, 0, LabelLayout.ALIGN_END)).getMessage());
    }
}
