package dev.migrationworkbench.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, truncated and hostile archives: each gives a clear error or a warning naming the
 * entry, and nothing is written anywhere (the reader extracts nothing; the tests check the folder
 * around the archive and the temp dir).
 */
class HostileArchiveTest {

    private static final String NOVA_LINE = "2026-12-01 13:25:20.394 19405 INFO nova.virt.libvirt.driver [-] "
            + "[instance: 4be1d5da-58b1-4a4d-a2c5-f6f0223b900a] Migration running for 0 secs, memory 100% remaining "
            + "(bytes processed=0, remaining=536870912, total=536870912); disk 100% remaining (bytes processed=0, "
            + "remaining=0, total=0).\n";

    @Test
    void pathTraversalAndAbsoluteNamesAreSkippedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("case/inner"));
        Path archive = ArchivesForTests.raw(work.resolve("evil.tar.xz"), new String[][] {
                {"sosreport-x/../../../evil-escaped.txt", "owned\n"},
                {"/tmp/evil-absolute.txt", "owned\n"},
                {"sosreport-x/sos_commands/host/hostname", "compute-x\n"},
                {"sosreport-x/var/log/nova/nova-compute.log", NOVA_LINE},
        });
        List<String> before = listing(tmp);

        OfflineCase c = new OfflineEvidenceReader().read(List.of(archive), null);

        assertThat(listing(tmp)).isEqualTo(before);
        // where the two names would have landed had they been extracted
        assertThat(work.resolve("sosreport-x/../../../evil-escaped.txt").normalize()).doesNotExist();
        assertThat(Path.of(System.getProperty("user.dir")).resolve("../../evil-escaped.txt").normalize()).doesNotExist();
        assertThat(Path.of("/tmp/evil-absolute.txt")).doesNotExist();
        assertThat(c.hosts()).hasSize(1);
        assertThat(c.hosts().get(0).facts().warnings())
                .anyMatch(w -> w.contains("'sosreport-x/../../../evil-escaped.txt' skipped") && w.contains("outside the archive"))
                .anyMatch(w -> w.contains("'/tmp/evil-absolute.txt' skipped"));
        // the honest part of the archive is still read
        assertThat(c.migrations()).hasSize(1);
    }

    @Test
    void symlinksOutOfTheArchiveAreNeverFollowed(@TempDir Path tmp) throws Exception {
        Path archive = ArchivesForTests.raw(tmp.resolve("links.tar.xz"), new String[][] {
                {"sosreport-x/sos_commands/host/hostname", "compute-x\n"},
                // a NIC whose device link climbs out of the archive to the reading machine's /sys
                {"sosreport-x/sys/class/net/eth0", null, "../../../../../../../../sys/class/net/lo"},
                {"sosreport-x/sys/class/net/eth1", null, "/sys/class/net/lo"},
                {"sosreport-x/etc/nova/nova.conf", null, "/etc/shadow"},
        });
        OfflineCase c = new OfflineEvidenceReader().read(List.of(archive), null);
        assertThat(c.hosts().get(0).facts().topology().nics()).isEmpty();
        assertThat(c.hosts().get(0).facts().topology().novaConfig()).isEmpty();
        assertThat(c.hosts().get(0).facts().missing()).anyMatch(m -> m.startsWith("nova.conf"));
    }

    @Test
    void aTruncatedArchiveNamesTheEntryItEndsIn(@TempDir Path tmp) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.append(NOVA_LINE);
        }
        Path whole = ArchivesForTests.raw(tmp.resolve("whole.tar.xz"), new String[][] {
                {"sosreport-x/sos_commands/host/hostname", "compute-x\n"},
                {"sosreport-x/var/log/nova/nova-compute.log", log.toString()},
        });
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tmp.resolve("sosreport-cut.tar.xz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(cut), null))
                .isInstanceOf(OfflineException.class)
                .hasMessageContaining("sosreport-cut.tar.xz is truncated")
                .hasMessageContaining("Ask for a complete copy");
    }

    @Test
    void aTarWhoseLastEntryIsCutShort(@TempDir Path tmp) throws Exception {
        Path tar = tmp.resolve("short.tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("sosreport-x/var/log/nova/nova-compute.log");
            byte[] body = NOVA_LINE.repeat(100).getBytes(StandardCharsets.UTF_8);
            e.setSize(body.length);
            t.putArchiveEntry(e);
            t.write(body);
            t.closeArchiveEntry();
        }
        byte[] bytes = Files.readAllBytes(tar);
        Files.write(tar, Arrays.copyOf(bytes, 512 + 4000));
        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(tar), null))
                .isInstanceOf(OfflineException.class)
                .hasMessageContaining("short.tar is truncated")
                .hasMessageContaining("sosreport-x/var/log/nova/nova-compute.log");
    }

    @Test
    void wrongCompressionIsReadByItsBytesNotItsName(@TempDir Path tmp) throws Exception {
        // a gzip-compressed log named .xz: read as what it is
        Path misnamed = tmp.resolve("nova-compute.log.xz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(misnamed))) {
            out.write(NOVA_LINE.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new OfflineEvidenceReader().read(List.of(misnamed), null).migrations()).hasSize(1);
    }

    @Test
    void aDamagedXzStreamAndBinaryJunkGiveSpecificErrors(@TempDir Path tmp) throws Exception {
        Path whole = ArchivesForTests.raw(tmp.resolve("x.tar.xz"), new String[][] {{"sosreport-x/var/log/nova/nova-compute.log",
                NOVA_LINE.repeat(2000)}});
        byte[] bytes = Files.readAllBytes(whole);
        for (int i = 100; i < 400; i++) {
            bytes[i] ^= 0x5a;
        }
        Path damaged = tmp.resolve("sosreport-damaged.tar.xz");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(damaged), null))
                .isInstanceOf(OfflineException.class)
                .hasMessageContaining("sosreport-damaged.tar.xz is damaged")
                .hasMessageContaining("xz -t");

        Path junk = tmp.resolve("sosreport-junk.tar.xz");
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        Files.write(junk, random);
        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(junk), null))
                .isInstanceOf(OfflineException.class)
                .hasMessageContaining("neither a tar archive (plain, xz, gzip or bzip2) nor a text log");

        Path zip = tmp.resolve("sosreport.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(zip), null))
                .hasMessageContaining("is a zip archive");

        assertThatThrownBy(() -> new OfflineEvidenceReader().read(List.of(tmp.resolve("missing.tar.xz")), null))
                .hasMessageContaining("Not found");
    }

    @Test
    void hugeEntriesAreStreamedOrSkippedNeverLoaded(@TempDir Path tmp) throws Exception {
        // a "host fact" file larger than any real one: skipped with a warning, not read into memory
        String big = "x".repeat(HostFacts.MAX_FACT_BYTES + 10);
        // a log line without a line end, longer than any real one: cut, the rest of the file still read
        String endless = "y".repeat(OfflineEvidenceReader.MAX_LINE_CHARS * 4) + "\n" + NOVA_LINE;
        Path archive = ArchivesForTests.raw(tmp.resolve("huge.tar.xz"), new String[][] {
                {"sosreport-x/sos_commands/host/hostname", "compute-x\n"},
                {"sosreport-x/sos_commands/pci/lspci_-nnvv", big},
                {"sosreport-x/var/log/nova/nova-compute.log", endless},
        });
        OfflineCase c = new OfflineEvidenceReader().read(List.of(archive), null);
        assertThat(c.hosts().get(0).facts().warnings()).anyMatch(w -> w.contains("sos_commands/pci/lspci_-nnvv skipped"));
        assertThat(c.migrations()).hasSize(1);
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(Path::toString).sorted().toList();
        }
    }
}
