package io.rnnkit.nn.io;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads arrays in ND4J's binary format ({@code Nd4j.write}: a shape buffer, then a data buffer, each a header of
 * allocation mode, length and type followed by the values as {@link DataInputStream} primitives; no Java
 * serialization). ND4J allocates both buffers by the lengths in their headers before it reads a value, so the
 * headers are checked against the bytes actually there first: a few bytes cannot ask for gigabytes. So are the
 * strides, element-wise stride and flags of the shape buffer, which ND4J's native code trusts: wrong ones would make
 * it read outside the values.
 */
final class NdArrays {
    private static final int MAX_RANK = 32;

    private NdArrays() {
    }

    /**
     * The array in {@code bytes}.
     *
     * @param what names the bytes in messages, e.g. {@code "m.rnnk: entry 'coefficients.bin' of network.zip"}
     * @throws ModelFileException when the bytes are not one complete, plain floating-point array
     */
    static INDArray read(byte[] bytes, String what) {
        String problem;
        try {
            problem = problem(bytes);
        } catch (IOException | RuntimeException e) {
            problem = "unreadable header";
        }
        if (problem != null) {
            throw new ModelFileException(what + " is not a valid array: " + problem);
        }
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            throw new ModelFileException(what + " is not a valid array: " + e.getClass().getSimpleName(), e);
        }
    }

    /** What is wrong with the array's headers, or {@code null} when they match the bytes. */
    private static String problem(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Header shape = Header.read(in);
        if (shape.type != DataType.LONG && shape.type != DataType.INT) {
            return "its shape is of type " + shape.type;
        }
        if (shape.length < 4 || shape.length > 2 * MAX_RANK + 4 || shape.length % 2 != 0) {
            return "its shape has " + shape.length + " values";
        }
        if (in.available() < shape.length * shape.type.width()) {
            return "it ends inside its shape";
        }
        long[] info = new long[(int) shape.length];
        for (int i = 0; i < info.length; i++) {
            info[i] = shape.type == DataType.LONG ? in.readLong() : in.readInt();
        }
        long rank = (shape.length - 4) / 2;
        if (info[0] != rank) {
            return "its rank " + info[0] + " does not fit a shape of " + shape.length + " values";
        }
        long count = 1;
        for (int d = 1; d <= rank; d++) {
            if (info[d] < 0) {
                return "dimension " + d + " is " + info[d];
            }
            count = Math.multiplyExact(count, info[d]);
        }
        Header data = Header.read(in);
        if (!data.type.isFPType()) {
            return "its values are of type " + data.type;
        }
        if (data.length != count) {
            return "it declares " + data.length + " values for a shape of " + count;
        }
        long held = in.available() / data.type.width();
        if (data.length != held || in.available() % data.type.width() != 0) {
            return "it declares " + data.length + " values but holds " + held;
        }
        // ND4J's native code trusts the rest of the shape buffer: every position the strides reach must hold a
        // value, and the flags must be those of a plain array of the values' type.
        char order = (char) info[info.length - 1];
        if (order != 'c' && order != 'f') {
            return "its order is " + info[info.length - 1] + ", not 'c' or 'f'";
        }
        long[] dims = Arrays.copyOfRange(info, 1, 1 + (int) rank);
        long[] plain = Nd4j.getShapeInfoProvider().createShapeInformation(dims, order, data.type).getSecond();
        long flags = info[info.length - 3];
        if (flags != plain[plain.length - 3]) {
            return "its flags are " + flags + ", not " + plain[plain.length - 3] + " (a plain " + data.type + " array)";
        }
        long elementStride = info[info.length - 2];
        if (elementStride != 0 && elementStride != 1) {
            return "its element-wise stride is " + elementStride;
        }
        long lastOffset = 0;
        for (int d = 0; d < rank; d++) {
            long stride = info[1 + (int) rank + d];
            if (stride < 0) {
                return "stride " + (d + 1) + " is " + stride;
            }
            if (dims[d] > 0) {
                lastOffset = Math.addExact(lastOffset, Math.multiplyExact(dims[d] - 1, stride));
            }
        }
        if (count > 0 && lastOffset >= count) {
            return "its strides reach value " + (lastOffset + 1) + " of " + count;
        }
        return null;
    }

    /** One buffer header, read the way {@code BaseDataBuffer.readHeader} does. */
    private record Header(long length, DataType type) {
        static Header read(DataInputStream in) throws IOException {
            DataBuffer.AllocationMode mode = DataBuffer.AllocationMode.valueOf(in.readUTF());
            long length = mode.ordinal() < DataBuffer.AllocationMode.LONG_SHAPE.ordinal() ? in.readInt()
                    : in.readLong();
            return new Header(length, DataType.valueOf(in.readUTF()));
        }
    }
}
