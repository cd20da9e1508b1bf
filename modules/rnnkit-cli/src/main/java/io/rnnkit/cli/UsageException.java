package io.rnnkit.cli;

import java.util.function.Supplier;

/**
 * A usage error found after parsing (an option value out of its range, two options that exclude each other):
 * exit code {@value Rnnkit#USAGE}, like the errors picocli finds while parsing.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds a value from option values (typically a task's configuration record, whose validation throws
     * {@link IllegalArgumentException} naming the setting): a refusal there is the user's usage error, not a
     * failure of the data.
     */
    static <T> T fromOptions(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
