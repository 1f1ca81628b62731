package dev.migrationworkbench.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a whole file (a report, a bundle, a settings file) so that a crash never leaves half of
 * it and nothing but a regular file is ever replaced:
 * <ul>
 * <li>absent or a regular file: written to a temporary file next to it, synced, then moved over it
 *     (an existing file keeps its permissions);</li>
 * <li>a symbolic link to a regular file: the file it points to is replaced the same way; the link
 *     stays. A link to nothing is refused;</li>
 * <li>a FIFO, a device, {@code /dev/stdout}: written to directly, as it is (nothing to replace);</li>
 * <li>a directory: refused.</li>
 * </ul>
 */
public final class SafeFiles {

    /** What to write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private SafeFiles() {
    }

    /** Writes {@code content} to {@code target} as described above; answers the file written. */
    public static Path write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; give a file name");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO, a device, /dev/stdout: there is nothing to replace, only something to write to
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            return file;
        }
        if (Files.isSymbolicLink(file)) {
            if (!Files.exists(file)) {
                throw new FileSystemException(file.toString(), null, "is a symbolic link to "
                        + Files.readSymbolicLink(file) + ", which does not exist; give the file it should point to");
            }
            file = file.toRealPath();
        }
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            keepPermissions(file, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            // checked again right before the move: what appeared meanwhile is not replaced either
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(file.toString(), null,
                        "was replaced by something that is not a regular file while the report was written; not replaced");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void keepPermissions(Path existing, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(existing)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(existing);
        view.setPermissions(permissions);
    }
}
