package io.rnnkit.text.io;

import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.net.URI;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A DataVec {@link org.datavec.api.records.reader.RecordReader} over labelled text: each record is
 * {@code [Text text, Text label]}, read one at a time with the policies of {@link LabelledTextReader}.
 */
public final class LabelledTextRecordReader extends CorpusRecordReader<LabelledText> {
    private static final long serialVersionUID = 1L;

    private final transient LabelledTextReader format;

    /** A record reader using the given format, e.g. {@code LabelledTextReader.json("text", "class")}. */
    public LabelledTextRecordReader(LabelledTextReader format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    Stream<LabelledText> open(String source, BufferedReader reader, SkipLog log) {
        return format.iterator(source, reader, log).stream();
    }

    @Override
    long lineOf(LabelledText item) {
        return item.location().line();
    }

    /** The writables of a record: {@code [text, label]}. */
    public static List<Writable> toWritables(LabelledText t) {
        List<Writable> out = new ArrayList<>(2);
        out.add(new Text(t.text()));
        out.add(new Text(t.label()));
        return out;
    }

    @Override
    public List<Writable> next() {
        return toWritables(nextItem());
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream in) {
        return toWritables(first(uri, in));
    }

    @Override
    public Record nextRecord() {
        LabelledText t = nextItem();
        return new org.datavec.api.records.impl.Record(toWritables(t), metaData(t));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) throws IOException {
        return new org.datavec.api.records.impl.Record(toWritables(load(meta)), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) throws IOException {
        List<Record> out = new ArrayList<>(metas.size());
        for (RecordMetaData m : metas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }
}
