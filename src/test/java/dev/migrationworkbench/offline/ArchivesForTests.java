package dev.migrationworkbench.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Packs a folder the way sos does (one top folder, links kept) into a .tar.xz, for the tests. */
public final class ArchivesForTests {

    private ArchivesForTests() {
    }

    public static Path tarXz(Path folder, Path archive) throws IOException {
        String top = folder.getFileName().toString();
        try (OutputStream out = Files.newOutputStream(archive);
                XZCompressorOutputStream xz = new XZCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(folder)) {
                paths = walk.sorted().toList();
            }
            for (Path p : paths) {
                String name = top + (p.equals(folder) ? "" : "/" + folder.relativize(p).toString().replace('\\', '/'));
                if (Files.isSymbolicLink(p)) {
                    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                } else if (Files.isDirectory(p)) {
                    tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
                    tar.closeArchiveEntry();
                } else {
                    TarArchiveEntry e = new TarArchiveEntry(name);
                    e.setSize(Files.size(p));
                    tar.putArchiveEntry(e);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
        }
        return archive;
    }

    /** A tar.xz with exactly these entries: name → content (null: a symlink to {@code linkTarget}). */
    static Path raw(Path archive, String[][] entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
                XZCompressorOutputStream xz = new XZCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String[] entry : entries) {
                if (entry[1] == null) {
                    TarArchiveEntry e = new TarArchiveEntry(entry[0], TarArchiveEntry.LF_SYMLINK, true);
                    e.setLinkName(entry[2]);
                    tar.putArchiveEntry(e);
                } else {
                    byte[] bytes = entry[1].getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry e = new TarArchiveEntry(entry[0], true);
                    e.setSize(bytes.length);
                    tar.putArchiveEntry(e);
                    tar.write(bytes);
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
