package io.rnnkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SGEMM rate the recurrent benchmarks are compared with: {@code Nd4j.gemm} on n×n float
 * matrices in 'f' order into a preallocated result (the BLAS's best case), with the threads the
 * process runs with ({@code OMP_NUM_THREADS}; one in {@code scripts/bench}).
 */
public final class GemmPeak {

    private GemmPeak() {
    }

    /** Times {@code c = a·b} for n×n matrices; flops = 2n³. */
    public static BenchResult measure(int n, Measure measure) {
        if (n <= 0) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
        Nd4j.getRandom().setSeed(7);
        INDArray a = Nd4j.rand(DataType.FLOAT, 'f', n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, 'f', n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
        Stats s = measure.time(() -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        return new BenchResult("sgemm." + n, s, 2.0 * n * n * n, null);
    }
}
