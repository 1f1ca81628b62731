package dev.migrationworkbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an app image whose JVM did not map its class-data archive makes one after the run. The
 * dump itself (cds-archive.sh on a real portable folder) is checked by installer/linux/test/portable-cds.sh.
 */
class ClassDataArchiveTest {

    @TempDir
    Path root;
    Path app;

    @BeforeEach
    void linuxAppImage() throws IOException {
        app = Files.createDirectories(root.resolve("app"));
        Files.writeString(app.resolve("migration-workbench.cfg"), """
                [Application]
                app.classpath=$APPDIR/migration-workbench.jar
                [JavaOptions]
                java-options=-XX:SharedArchiveFile=$APPDIR/migration-workbench.jsa
                """);
        Files.writeString(app.resolve("migration-workbench.classlist"), "java/lang/Object\n");
        Files.writeString(app.resolve("cds-archive.sh"), "#!/bin/sh\n");
        Files.writeString(app.resolve("migration-workbench.jar"), "jar");
        setTime("migration-workbench.jar", "2026-12-01T10:00:00Z");
    }

    private void setTime(String file, String instant) throws IOException {
        Files.setLastModifiedTime(app.resolve(file), FileTime.from(Instant.parse(instant)));
    }

    private void archiveMadeFor(Path folder, String when) throws IOException {
        Files.writeString(app.resolve(ClassDataArchive.ARCHIVE), "archive");
        setTime(ClassDataArchive.ARCHIVE, when);
        Files.writeString(app.resolve(ClassDataArchive.MADE_FOR), folder + "\n");
    }

    @Test
    void noArchiveYetIsMade() {
        assertThat(ClassDataArchive.wanted(root)).isTrue();
    }

    @Test
    void anArchiveMadeForAnotherFolderIsMadeAgain() throws IOException {
        archiveMadeFor(Path.of("/home/someone/Downloads/migration-workbench/lib"), "2026-12-01T11:00:00Z");
        assertThat(ClassDataArchive.wanted(root)).isTrue();
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAgain() throws IOException {
        archiveMadeFor(root, "2026-12-01T09:00:00Z");
        assertThat(ClassDataArchive.wanted(root)).isTrue();
    }

    @Test
    void anArchiveMadeHereForThisJarThatTheJvmStillRefusedIsNotMadeOverAndOver() throws IOException {
        archiveMadeFor(root, "2026-12-01T11:00:00Z");
        assertThat(ClassDataArchive.wanted(root)).isFalse();
    }

    @Test
    void aFailedAttemptIsNotRepeated() throws IOException {
        Files.writeString(app.resolve(ClassDataArchive.ARCHIVE + ".log"), "Error: ...");
        assertThat(ClassDataArchive.wanted(root)).isFalse();
    }

    @Test
    void withoutAClassListOrWithALauncherThatNamesNoArchiveNothingIsMade() throws IOException {
        Files.writeString(app.resolve("migration-workbench.cfg"), "[Application]\napp.classpath=$APPDIR/migration-workbench.jar\n");
        assertThat(ClassDataArchive.wanted(root)).isFalse();

        linuxAppImage();
        Files.delete(app.resolve("migration-workbench.classlist"));
        assertThat(ClassDataArchive.wanted(root)).isFalse();
    }

    @Test
    void aFolderTheUserCannotWriteIsLeftAlone() throws IOException {
        // an installed .deb/.rpm: root's folder, its archive made by the install scripts
        app.toFile().setWritable(false);
        try {
            boolean writableAnyway = Files.isWritable(app); // root may write anyway
            assertThat(ClassDataArchive.wanted(root)).isEqualTo(writableAnyway);
        } finally {
            app.toFile().setWritable(true);
        }
    }
}
