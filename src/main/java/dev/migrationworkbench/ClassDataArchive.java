package dev.migrationworkbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class-data-sharing archive of an unpacked app image (the portable archive on Linux). Its
 * launcher maps {@code app/migration-workbench.jsa} (installer/linux/jpackage.args), and a JDK 17
 * archive of application classes only works at the paths it was made at: the .deb and .rpm make it
 * on install, a portable folder after its first run. When this JVM could not map the archive
 * (missing, or made for another folder or build) and the folder is writable, {@code cds-archive.sh}
 * is started in the background as the JVM exits, so the next start maps it (docs/PERFORMANCE.md,
 * "Class-data sharing for the portable archive"). A failed attempt leaves
 * {@code migration-workbench.jsa.log} and is not repeated; without an archive the JVM just starts
 * without it.
 */
final class ClassDataArchive {
    static final String ARCHIVE = "migration-workbench.jsa";
    /** Written by cds-archive.sh next to the archive: the folder it was made for. */
    static final String MADE_FOR = ARCHIVE + ".made-for";

    private ClassDataArchive() {
    }

    /** Called first thing at start: costs two property reads when the archive is in use or absent by design. */
    static void makeAfterExitIfUnused() {
        // set by jpackage's launcher only; "sharing" in java.vm.info means the named archive is mapped
        if (System.getProperty("jpackage.app-path") == null
                || System.getProperty("java.vm.info", "").contains("sharing")) {
            return;
        }
        Path root = Path.of(System.getProperty("java.home")).getParent();
        if (root == null || !wanted(root)) {
            return;
        }
        ProcessBuilder dump = new ProcessBuilder("sh", root.resolve("app/cds-archive.sh").toString(), root.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dump.start(); // outlives this JVM; the script logs its own failure
            } catch (IOException | RuntimeException e) {
                // no archive: the next start tries again
            }
        }, "class-data-archive"));
    }

    /**
     * Whether to make the archive of the app image under {@code root} ({@code root/app},
     * {@code root/runtime}), given that this JVM did not map it.
     */
    static boolean wanted(Path root) {
        Path app = root.resolve("app");
        try {
            if (!Files.isRegularFile(app.resolve("cds-archive.sh"))
                    || !Files.isRegularFile(app.resolve("migration-workbench.classlist"))
                    || !Files.readString(app.resolve("migration-workbench.cfg")).contains("SharedArchiveFile")
                    || !Files.isWritable(app)
                    || Files.exists(app.resolve(ARCHIVE + ".log"))) {
                return false;
            }
            Path archive = app.resolve(ARCHIVE);
            if (!Files.exists(archive)) {
                return true;
            }
            // present but not mapped: remake it when it was made for another folder (the image was
            // moved) or before the jar (a new build unpacked over it), else a JVM refuses it for a
            // reason a new one would not change
            Path madeFor = app.resolve(MADE_FOR);
            return !Files.exists(madeFor)
                    || !Files.readString(madeFor).strip().equals(root.toString())
                    || Files.getLastModifiedTime(archive).compareTo(
                            Files.getLastModifiedTime(app.resolve("migration-workbench.jar"))) < 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
