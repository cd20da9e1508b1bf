package io.rnnkit.examples.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rnnkit.nn.Merge;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each building-block example and checks what it shows. */
class BlocksExamplesTest {

    @Test
    void buildingBlocksReproduceTheNotesParameterCounts() {
        BuildingBlocksExample.Result r = BuildingBlocksExample.runExample();
        assertEquals(List.of(322_080L, 8_320L, 6_336L, 16_640L, 330_400L), r.totals());
        for (BuildingBlocksExample.Model m : r.models()) {
            assertEquals(m.summary().totalParams(), m.dl4jParams(), m.title());
        }
        BuildingBlocksExample.Model first = r.models().get(0);
        assertEquals(List.of(320_000L, 2_080L), first.summary().rows().stream().map(row -> row.params()).toList());
        String table = first.summary().toString();
        assertTrue(table.contains("simple_rnn (SimpleRNN)"), table);
        assertTrue(table.contains("Total params: 322,080"), table);
        assertEquals(6, r.models().get(4).summary().rows().size());
    }

    @Test
    void buildingBlocksRejectUnknownOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildingBlocksExample.runExample("--units", "3"));
        assertTrue(e.getMessage().contains("unknown option --units"), e.getMessage());
    }

    @Test
    void returnSequencesGivesEveryStepOrTheLastRealOne() {
        ReturnSequencesExample.Result r = ReturnSequencesExample.runExample("--units", "32");
        assertArrayEquals(new long[] {2, 32, 6}, r.sequenceShape());
        assertArrayEquals(new long[] {2, 32}, r.lastStepShape());
        assertTrue(r.maxDifference() < 1e-6, "last step differs by " + r.maxDifference());
    }

    @Test
    void sequenceShapesOfTheThreeArrangements() {
        SequenceShapesExample.Result r = SequenceShapesExample.runExample("--steps", "5");
        assertArrayEquals(new long[] {2, 5}, r.inputShape());
        assertArrayEquals(new long[] {2, 2}, r.manyToOneShape());
        assertArrayEquals(new long[] {2, 5, 5}, r.manyToManyShape());
        assertArrayEquals(new long[] {1, 4}, r.oneToManyStepShape());
        assertEquals(5, r.generated().size());
        assertTrue(r.generated().stream().allMatch(s -> s >= 0 && s < 4), r.generated()::toString);
    }

    @Test
    void stackedAndBidirectional() {
        StackedBidirectionalExample.Result r = StackedBidirectionalExample.runExample("--units", "8");
        assertArrayEquals(new long[] {2, 2}, r.stackedOutputShape());
        // Embedding 16,000 + LSTM(8) on 16: 4*(128+64+8)=800, then 2 x 4*(64+64+8)=544 each, Dense 8*2+2 = 18.
        assertEquals(16_000 + 800 + 544 + 544 + 18, r.stacked().totalParams());
        assertTrue(r.stackError().contains("every inner layer of a recurrent stack must return sequences"),
                r.stackError());
        assertArrayEquals(new long[] {2, 16, 6}, r.mergeShapes().get(Merge.CONCAT));
        assertArrayEquals(new long[] {2, 8, 6}, r.mergeShapes().get(Merge.SUM));
        assertArrayEquals(new long[] {2, 8, 6}, r.mergeShapes().get(Merge.AVERAGE));
        assertArrayEquals(new long[] {2, 8, 6}, r.mergeShapes().get(Merge.MUL));
        // GRU(8) on 16 inputs: 3*(16*8 + 8*8 + 2*8) = 624 per direction; TimeDistributed Dense(12) on 16.
        assertEquals(16_000 + 2 * 624 + 16 * 12 + 12, r.bidirectional().totalParams());
    }

    @Test
    void linearRnnRemembersWithGeometricDecay() {
        MemoryDecayExample.Result r = MemoryDecayExample.runExample();
        assertArrayEquals(new double[] {1, 2, 3}, r.inputs());
        // h3 = 0.81*1 + 0.9*2 + 3 = 5.61
        assertEquals(0.81 * 1 + 0.9 * 2 + 3, r.hidden()[2], 1e-5);
        assertEquals(0.9 * 1 + 2, r.hidden()[1], 1e-5);
        assertTrue(r.maxError() < 1e-5, "max error " + r.maxError());
        assertEquals(Math.pow(0.9, 49), r.firstInputWeight()[5], 1e-12);

        MemoryDecayExample.Result other = MemoryDecayExample.runExample("--inputs", "2,0,0,0", "--decay", "0.5");
        assertArrayEquals(new double[] {2, 1, 0.5, 0.25}, other.hidden(), 1e-6);
    }
}
