package io.rnnkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Checks on the files the verbs read and write, with the one-line messages of the error contract. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Refuses {@code file} unless it is a readable regular file.
     *
     * @param what what the file is, in the user's words ("data file", "CSV file", "text file")
     */
    static Path requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " not found: " + file);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read");
        }
        return file;
    }

    /**
     * Why {@code out} cannot be written, or {@code null} when it can: a directory, a file that cannot be replaced,
     * or a parent that is not a writable directory. Missing parent directories are fine: saving creates them.
     */
    static String unwritable(Path out) {
        if (Files.isDirectory(out)) {
            return out + " is a directory; give a file name, e.g. " + out.resolve("model.rnnk");
        }
        if (Files.exists(out) && !Files.isWritable(out)) {
            return out + " exists and cannot be overwritten";
        }
        Path parent = out.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            return out + " cannot be created: " + parent + " is not a directory";
        }
        if (!Files.isWritable(parent)) {
            return out + " cannot be created: " + parent + " is not writable";
        }
        return null;
    }

    /**
     * The converter of every {@code --out MODEL} option: the path is checked when the command line is parsed, so a
     * training run never ends in "cannot write" (a usage error, exit code 2).
     */
    static final class OutputFile implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path out = Path.of(value);
            String problem = unwritable(out);
            if (problem != null) {
                throw new CommandLine.TypeConversionException(problem);
            }
            return out;
        }
    }
}
