package io.rnnkit.nn.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Buffer layout and checks shared by the GRU and LSTM layers.
 *
 * <p>Both layers keep time along the slowest axis: a buffer is {@code [T·B, k]} row-major, so the
 * rows of step {@code t} are the contiguous block {@code [t·B, (t+1)·B)} and one GEMM covers all
 * steps where nothing recurrent is involved (input projections, weight gradients).
 */
final class RecurrentBuffers {

    private RecurrentBuffers() {
    }

    /** Rows {@code [t·batch, (t+1)·batch)} of a row-major buffer: a contiguous view. */
    static INDArray block(INDArray buffer, long t, long batch) {
        return buffer.get(interval(t * batch, (t + 1) * batch), all());
    }

    /** Columns {@code [from, to)} of a matrix, as a view. */
    static INDArray cols(INDArray matrix, long from, long to) {
        return matrix.get(all(), interval(from, to));
    }

    /** {@code "name" (index i)} or {@code (index i)}, for error messages. */
    static String describe(String layerName, int index) {
        return layerName == null ? "(index " + index + ")" : "\"" + layerName + "\" (index " + index + ")";
    }

    /** Checks that the input is 3D with {@code nIn} features; {@code ncw} is the input in [B, D, T]. */
    static void checkInput(String kind, String where, INDArray original, INDArray ncw, long nIn, RNNFormat format) {
        if (original.rank() != 3) {
            throw new IllegalArgumentException(kind + " layer " + where + " expects 3D input [batch, "
                    + (format == RNNFormat.NWC ? "time, features" : "features, time")
                    + "], got shape " + Arrays.toString(original.shape()));
        }
        if (ncw.size(1) != nIn) {
            throw new IllegalArgumentException(kind + " layer " + where + " expects " + nIn
                    + " input features, got " + ncw.size(1) + " (input shape " + Arrays.toString(original.shape()) + ")");
        }
    }

    /** Checks a stored state (h or c) against the batch at hand. */
    static void checkState(String kind, String where, INDArray state, long batch, long units) {
        if (state != null && (state.rank() != 2 || state.size(0) != batch || state.size(1) != units)) {
            throw new IllegalArgumentException(kind + " layer " + where + ": stored state has shape "
                    + Arrays.toString(state.shape()) + " but this input needs [" + batch + ", " + units
                    + "]; call rnnClearPreviousState() when the batch size changes");
        }
    }

    /** The feature mask as {@code [batch, time]} in the layer's data type, or null when there is none. */
    static INDArray checkedMask(String kind, String where, INDArray maskArray, long batch, long steps,
                                DataType dataType) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.rank() != 2 || maskArray.size(0) != batch || maskArray.size(1) != steps) {
            throw new IllegalArgumentException(kind + " layer " + where + ": feature mask must be [batch, time] = ["
                    + batch + ", " + steps + "], got " + Arrays.toString(maskArray.shape()));
        }
        return maskArray.castTo(dataType);
    }

    /** NCW {@code [B, k, T]} to a time-major {@code [T·B, k]} row-major copy. */
    static INDArray timeMajor(INDArray ncw, LayerWorkspaceMgr workspaceMgr, ArrayType type, DataType dataType) {
        long batch = ncw.size(0);
        long k = ncw.size(1);
        long steps = ncw.size(2);
        INDArray rows = workspaceMgr.createUninitialized(type, dataType, new long[] {steps, batch, k}, 'c');
        rows.assign(ncw.permute(2, 0, 1));
        return rows.reshape('c', steps * batch, k);
    }

    /**
     * Time-major {@code [T·B, k]} rows to NCW {@code [B, k, T]} in 'f' order (time steps contiguous,
     * as DL4J's recurrent layers return), zeroed where the mask is 0.
     */
    static INDArray toNcw(INDArray rows, long batch, long steps, INDArray mask, LayerWorkspaceMgr workspaceMgr,
                          ArrayType type, DataType dataType) {
        long k = rows.size(1);
        INDArray out = workspaceMgr.createUninitialized(type, dataType, new long[] {batch, k, steps}, 'f');
        out.assign(rows.reshape('c', steps, batch, k).permute(1, 2, 0));
        if (mask != null) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, mask, out, 0, 2));
        }
        return out;
    }

    /** Copies constraints so that each applies to one parameter only. */
    static List<LayerConstraint> constraintsFor(List<LayerConstraint> existing, List<LayerConstraint> source,
                                                String paramKey) {
        if (source == null) {
            return existing;
        }
        List<LayerConstraint> out = existing == null ? new ArrayList<>() : existing;
        for (LayerConstraint c : source) {
            LayerConstraint copy = c.clone();
            copy.setParams(Collections.singleton(paramKey));
            out.add(copy);
        }
        return out;
    }

    /** Throws unless {@code array} is a {@code [rows, cols]} matrix. */
    static void requireShape(String name, INDArray array, long rows, long cols) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (array.rank() != 2 || array.size(0) != rows || array.size(1) != cols) {
            throw new IllegalArgumentException(name + " must be [" + rows + ", " + cols + "], got "
                    + Arrays.toString(array.shape()));
        }
    }
}
