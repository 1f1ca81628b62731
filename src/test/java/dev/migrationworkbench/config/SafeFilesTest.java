package dev.migrationworkbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports and settings are written so that only a regular file is ever replaced, on the real file system. */
class SafeFilesTest {

    @TempDir
    Path dir;

    private static SafeFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNewFileIsCreatedAndAnExistingOneReplacedKeepingItsPermissions() throws IOException {
        Path file = dir.resolve("sub/report.pdf");
        SafeFiles.write(file, text("one"));
        assertThat(file).hasContent("one");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        SafeFiles.write(file, text("two"));
        assertThat(file).hasContent("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aSymbolicLinkIsFollowedNeverReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.pdf"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.pdf"), real.getFileName());
        SafeFiles.write(link, text("new"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }

    @Test
    void aDanglingLinkIsRefusedAndLeftAsItWas() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling.pdf"), dir.resolve("nowhere/x.pdf"));
        assertThatThrownBy(() -> SafeFiles.write(link, text("x"))).isInstanceOf(FileSystemException.class)
                .hasMessageContaining("symbolic link").hasMessageContaining("does not exist");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aDirectoryIsRefused() {
        assertThatThrownBy(() -> SafeFiles.write(dir, text("x"))).hasMessageContaining("is a directory");
    }

    @Test
    void aFifoIsWrittenToAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe.pdf");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        SafeFiles.write(fifo, text("through the pipe"));
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aDeviceIsWrittenToAndNotReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && Files.isWritable(devNull), "no writable /dev/null");
        Object before = Files.getAttribute(devNull, "unix:ino");
        SafeFiles.write(devNull, text("discarded"));
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.getAttribute(devNull, "unix:ino")).isEqualTo(before);
    }
}
