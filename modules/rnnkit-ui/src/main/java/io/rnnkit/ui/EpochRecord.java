package io.rnnkit.ui;

import io.rnnkit.nn.train.EpochMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.deeplearning4j.core.storage.Persistable;

/**
 * One epoch of rnnkit's metrics as a DL4J stats-storage record, so that it is stored beside DL4J's per-iteration
 * statistics (in memory or in the {@code --ui-file}) and read back by {@link EpochMetricsModule}. Encoded as plain
 * numbers and strings; DL4J's storage rebuilds it by class name through the public no-argument constructor.
 */
public final class EpochRecord implements Persistable {
    private static final long serialVersionUID = 1L;
    /** Type of these records in the storage. */
    public static final String TYPE_ID = "RnnkitEpochMetrics";
    /**
     * Worker of these records. DL4J's storage lists workers from their static information, which epoch records do
     * not have, so readers ask for this worker by name.
     */
    public static final String WORKER_ID = "rnnkit";
    private static final int FORMAT = 2;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private EpochMetrics metrics;

    /** For DL4J's storage, which decodes into a new instance. */
    public EpochRecord() {
    }

    EpochRecord(String sessionId, EpochMetrics metrics) {
        this.sessionId = sessionId;
        this.workerId = WORKER_ID;
        this.timestamp = System.currentTimeMillis();
        this.metrics = metrics;
    }

    public EpochMetrics metrics() {
        return metrics;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(FORMAT);
        d.writeUTF(sessionId);
        d.writeUTF(workerId);
        d.writeLong(timestamp);
        d.writeInt(metrics.epoch());
        d.writeDouble(metrics.trainLoss());
        d.writeDouble(metrics.validationLoss());
        d.writeUTF(metrics.metricName() == null ? "" : metrics.metricName());
        d.writeDouble(metrics.validationMetric());
        d.writeLong(metrics.examples());
        d.writeInt(metrics.batches());
        d.writeDouble(metrics.seconds());
        d.writeDouble(metrics.examplesPerSecond());
        d.writeInt(metrics.reported().size());
        for (var e : metrics.reported().entrySet()) {
            d.writeUTF(e.getKey());
            d.writeDouble(e.getValue());
        }
        d.flush();
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable rnnkit epoch record: " + e.getMessage(), e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int format = d.readInt();
        if (format != FORMAT) {
            throw new IOException("rnnkit epoch record format " + format + " is not " + FORMAT);
        }
        sessionId = d.readUTF();
        workerId = d.readUTF();
        timestamp = d.readLong();
        int epoch = d.readInt();
        double trainLoss = d.readDouble();
        double validationLoss = d.readDouble();
        String metricName = d.readUTF();
        double metric = d.readDouble();
        long examples = d.readLong();
        int batches = d.readInt();
        double seconds = d.readDouble();
        double perSecond = d.readDouble();
        int n = d.readInt();
        if (n < 0 || n > 64) {
            throw new IOException("rnnkit epoch record with " + n + " reported metrics");
        }
        java.util.Map<String, Double> reported = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            reported.put(d.readUTF(), d.readDouble());
        }
        metrics = new EpochMetrics(epoch, trainLoss, validationLoss, metricName, metric, examples, batches, seconds,
                perSecond, reported);
    }
}
