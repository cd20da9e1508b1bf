package io.rnnkit.text.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A one-pass iterator over the records of one file that owns an open reader; {@link #computeNext()} returns
 * {@code null} at the end. Closed automatically at the end of input.
 */
abstract class CorpusIterator<T> implements Iterator<T>, Closeable {
    private T next;
    private boolean done;

    /** The next record, or {@code null} when there are no more. */
    protected abstract T computeNext() throws IOException;

    /** Releases the underlying reader. */
    protected abstract void release() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = computeNext();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        if (next == null) {
            close();
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        return t;
    }

    @Override
    public final void close() {
        if (!done) {
            done = true;
            try {
                release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // the original failure matters more
        }
    }

    /** This iterator as a sequential stream whose {@code close()} releases the file. */
    final Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }
}
