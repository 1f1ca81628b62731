package dev.migrationworkbench.offline;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Streams the files of one input — a sosreport archive (tar, optionally xz, gzip or bzip2
 * compressed, recognised by its bytes, not its name), an extracted sosreport folder, or a single
 * log file (plain, .gz or .xz) — to a {@link Visitor}, without extracting anything to disk: each
 * entry is read once, from the stream, and nothing is written anywhere. Rotated {@code .gz} logs
 * inside an archive are decompressed on the fly, sosreports inside a sos collect archive (or a
 * folder) are walked as inputs of their own.
 *
 * <p>Hostile entries are never followed: a name that is absolute or climbs out of the archive with
 * {@code ..} is skipped with a warning; a symbolic or hard link is reported as a link (resolved
 * later only inside the archive's own names); devices and FIFOs are skipped. A damaged or truncated
 * archive ends the walk with an {@link OfflineException} naming the input and the entry.
 */
public final class ArchiveWalker {

    /** What a walk reports. Paths are relative to the sosreport's root ({@code var/log/nova/...}). */
    public interface Visitor {
        /** A regular file; {@code content} is decompressed when the file itself was .gz/.xz/.bz2. */
        void file(String origin, String path, long size, InputStream content) throws IOException;

        /** A symbolic or hard link inside the archive or folder. */
        void link(String origin, String path, String target);

        /** Something skipped, and why. */
        void warning(String origin, String message);
    }

    /** Reports the compressed bytes read of all inputs, for a progress bar. */
    public interface ByteCounter {
        void read(long bytes);
    }

    private static final int MAX_NESTING = 2;
    private static final List<String> ARCHIVE_SUFFIXES = List.of(".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz",
            ".tar.bz2", ".tbz2");

    private final ByteCounter counter;

    public ArchiveWalker(ByteCounter counter) {
        this.counter = counter == null ? b -> { } : counter;
    }

    /** Walks one input path (a file or a folder). */
    public void walk(Path input, Visitor visitor) throws OfflineException {
        if (!Files.exists(input, LinkOption.NOFOLLOW_LINKS)) {
            throw new OfflineException("Not found: " + input + ". Give the path of a sosreport (.tar.xz or its "
                    + "extracted folder), a nova log file or an evidence bundle.");
        }
        String origin = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        if (Files.isDirectory(input)) {
            walkFolder(input, origin, visitor);
            return;
        }
        if (!Files.isReadable(input)) {
            throw new OfflineException("Cannot read " + input + ": permission denied.");
        }
        try (InputStream raw = new Counting(Files.newInputStream(input), counter)) {
            walkStream(raw, origin, visitor, 0);
        } catch (InterruptedIOException e) {
            throw cancelled();
        } catch (IOException e) {
            throw damaged(input.toString(), null, e);
        }
    }

    private void walkFolder(Path root, String origin, Visitor visitor) throws OfflineException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    visitor.link(origin, rel, Files.readSymbolicLink(p).toString());
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = new Counting(Files.newInputStream(p), counter)) {
                        if (isArchiveName(rel)) {
                            walkStream(in, origin + " › " + rel, visitor, 1);
                        } else {
                            visitor.file(origin, rel, Files.size(p), decompressed(in));
                        }
                    } catch (InterruptedIOException e) {
                        throw cancelled();
                    } catch (IOException e) {
                        visitor.warning(origin, rel + ": could not be read (" + e.getMessage() + "), skipped");
                    } catch (OfflineException e) {
                        visitor.warning(origin, e.getMessage());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new OfflineException("Cannot list the folder " + root + ": " + e.getMessage());
        }
    }

    /** A compressed or plain stream that is a tar archive or a single file. */
    private void walkStream(InputStream raw, String origin, Visitor visitor, int depth) throws IOException, OfflineException {
        InputStream in = decompressed(raw);
        byte[] head = peek(in, 512);
        if (isTar(head)) {
            walkTar(in, origin, visitor, depth);
        } else if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new OfflineException(origin + " is a zip archive; sosreports are tar archives (.tar.xz). "
                    + "Extract it and open the folder, or ask for the sosreport as produced by 'sos report'.");
        } else if (looksBinary(head)) {
            throw new OfflineException(origin + " is neither a tar archive (plain, xz, gzip or bzip2) nor a text "
                    + "log: its first bytes are " + hex(head) + ". Check that the file is complete and of the "
                    + "right kind (sos report writes .tar.xz).");
        } else {
            visitor.file(origin, "", -1, in);
        }
    }

    private void walkTar(InputStream in, String origin, Visitor visitor, int depth) throws IOException, OfflineException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        String strip = null;
        TarArchiveEntry entry;
        String last = null;
        try {
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                last = name;
                if (strip == null) {
                    strip = sosRoot(name);
                }
                String rel = relative(name, strip);
                if (rel == null) {
                    visitor.warning(origin, "entry '" + name + "' skipped: its name points outside the archive "
                            + "(absolute path or '..'); nothing was written");
                    continue;
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    // a hard link names another entry of the archive; a symbolic link is relative to its folder
                    String target = entry.isLink() ? relative(entry.getLinkName(), strip) : entry.getLinkName();
                    if (target == null) {
                        visitor.warning(origin, "link '" + name + "' skipped: it points outside the archive");
                    } else {
                        visitor.link(origin, rel, entry.isLink() ? "/" + target : target);
                    }
                } else if (entry.isFile()) {
                    if (rel.isEmpty()) {
                        continue;
                    }
                    if (isArchiveName(rel) && depth < MAX_NESTING) {
                        walkStream(new NonClosing(tar), origin + " › " + rel, visitor, depth + 1);
                    } else {
                        visitor.file(origin, rel, entry.getSize(), decompressed(new NonClosing(tar)));
                    }
                } else if (!entry.isDirectory()) {
                    visitor.warning(origin, "entry '" + name + "' skipped: not a regular file, folder or link");
                }
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (EOFException e) {
            throw new OfflineException(origin + " is truncated" + (last == null ? "" : " after the entry '" + last + "'")
                    + ": the archive ends in the middle of a file. Ask for a complete copy (compare its size or "
                    + "checksum with the sender's).", e);
        } catch (IOException e) {
            throw damaged(origin, last, e);
        }
    }

    /**
     * The leading folder sos puts every file under ({@code sosreport-host-2024-...}/), stripped so
     * that paths start at the host's root; null when the first entry is not under such a folder.
     */
    static String sosRoot(String firstName) {
        String n = firstName.startsWith("./") ? firstName.substring(2) : firstName;
        int slash = n.indexOf('/');
        String top = slash < 0 ? n : n.substring(0, slash);
        return top.startsWith("sosreport") || top.startsWith("sos-collector") || top.startsWith("sos_") ? top + "/" : "";
    }

    /** The entry's path inside the sosreport root; null when it would leave the archive. */
    static String relative(String name, String strip) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return null;
        }
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (strip != null && !strip.isEmpty() && n.startsWith(strip)) {
            n = n.substring(strip.length());
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : n.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    static boolean isArchiveName(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** The stream, decompressed when its first bytes are xz, gzip or bzip2 (whatever the name says). */
    static InputStream decompressed(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 65536);
        byte[] head = peek(in, 6);
        if (head.length >= 6 && (head[0] & 0xff) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                && head[4] == 'Z' && head[5] == 0) {
            return new BufferedInputStream(new XZCompressorInputStream(in), 65536);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1F && (head[1] & 0xff) == 0x8B) {
            return new BufferedInputStream(new GzipCompressorInputStream(in, true), 65536);
        }
        if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return new BufferedInputStream(new BZip2CompressorInputStream(in, true), 65536);
        }
        return in;
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] buf = in.readNBytes(n);
        in.reset();
        return buf;
    }

    private static boolean isTar(byte[] head) {
        return head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    }

    private static boolean looksBinary(byte[] head) {
        int bad = 0;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0 || (c < 0x09) || (c > 0x0d && c < 0x20 && c != 0x1b)) {
                bad++;
            }
        }
        return head.length > 0 && bad * 10 > head.length;
    }

    private static String hex(byte[] head) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            s.append(String.format(Locale.ROOT, "%02x ", head[i] & 0xff));
        }
        return s.toString().trim();
    }

    private static OfflineException cancelled() {
        Thread.currentThread().interrupt();
        return new OfflineException("Reading cancelled.");
    }

    private static OfflineException damaged(String origin, String entry, IOException e) {
        String where = entry == null ? "" : " (at the entry '" + entry + "')";
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof EOFException || what.toLowerCase(Locale.ROOT).contains("truncated")
                || what.toLowerCase(Locale.ROOT).contains("unexpected end")) {
            return new OfflineException(origin + " is truncated" + where + ": " + what
                    + ". Ask for a complete copy (compare its size or checksum with the sender's).", e);
        }
        return new OfflineException(origin + " is damaged" + where + ": " + what
                + ". Check the file (xz -t / gzip -t / tar -tf) and ask for a fresh copy.", e);
    }

    /** Counts the bytes read from a file, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        private final ByteCounter counter;

        Counting(InputStream in, ByteCounter counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.read(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.read(n);
            }
            return n;
        }
    }

    /** Lets a visitor close an entry's stream without closing the tar stream around it. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
