package io.rnnkit.nn.io;

/**
 * A model file could not be written or was refused on loading. The message is one line that names the file and
 * says what is wrong, e.g. {@code "model format 3 is newer than this rnnkit supports (1); upgrade rnnkit"}.
 */
public class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
