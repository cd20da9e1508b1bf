package io.rnnkit.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments as UTF-8, whatever the locale. Under a non-UTF-8 locale (e.g. {@code LANG=C}) the
 * JVM decodes {@code argv} with the locale's charset, and every non-ASCII byte arrives as {@code '?'}: Korean
 * text would be tagged as {@code ??????}. On Linux the raw bytes are still in {@code /proc/self/cmdline}, so they
 * are decoded again as UTF-8; where that is impossible, an argument that lost characters is refused.
 */
final class CommandLineArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private CommandLineArguments() {
    }

    /** The arguments, decoded as UTF-8. */
    static String[] utf8(String[] args) {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (isUtf8(charset) || allAscii(args)) {
            return args; // the usual case: no need to read the raw command line
        }
        byte[] raw;
        try {
            raw = Files.isReadable(CMDLINE) ? Files.readAllBytes(CMDLINE) : null;
        } catch (IOException e) {
            raw = null;
        }
        return utf8(args, charset, raw);
    }

    /**
     * Pure form of {@link #utf8(String[])}: {@code cmdline} is the process's NUL-separated command line (the JVM's
     * own arguments first), or null when unknown.
     */
    static String[] utf8(String[] args, String charset, byte[] cmdline) {
        if (isUtf8(charset) || allAscii(args)) {
            return args;
        }
        if (cmdline != null) {
            List<byte[]> parts = split(cmdline);
            if (parts.size() >= args.length) {
                String[] decoded = new String[args.length];
                int first = parts.size() - args.length;
                boolean consistent = true;
                for (int i = 0; i < args.length; i++) {
                    decoded[i] = decode(parts.get(first + i), i + 1);
                    consistent &= sameShape(args[i], decoded[i]);
                }
                if (consistent) {
                    return decoded;
                }
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (!args[i].chars().allMatch(c -> c < 128 && c != '?')) {
                throw new IllegalArgumentException("argument " + (i + 1) + " lost its non-ASCII characters under the "
                        + charset + " locale; run rnnkit under a UTF-8 locale (e.g. LC_ALL=C.UTF-8)");
            }
        }
        return args;
    }

    private static boolean isUtf8(String charset) {
        String c = charset.toUpperCase(java.util.Locale.ROOT).replace("-", "");
        return c.equals("UTF8");
    }

    private static boolean allAscii(String[] args) {
        for (String a : args) {
            if (!a.chars().allMatch(c -> c < 128 && c != '?')) {
                return false;
            }
        }
        return true;
    }

    /** The locale decoding turned each non-ASCII character into one or more '?': ASCII elsewhere must agree. */
    private static boolean sameShape(String lossy, String decoded) {
        String a = lossy.replaceAll("[^\\x00-\\x7F]|\\?", "");
        String b = decoded.replaceAll("[^\\x00-\\x7F]|\\?", "");
        return a.equals(b);
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                parts.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            parts.add(java.util.Arrays.copyOfRange(cmdline, start, cmdline.length));
        }
        return parts;
    }

    private static String decode(byte[] bytes, int position) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("argument " + position + " is not valid UTF-8");
        }
    }
}
