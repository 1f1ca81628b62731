package dev.migrationworkbench.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path data;

    @Test
    void appendsJsonLinesAndSurvivesATornLastLine() throws IOException {
        AuditLog log = new AuditLog(data);
        log.append(entry("requested"));
        log.append(entry("accepted"));
        Files.writeString(log.file(), "{\"at\":\"2026-11-2", StandardOpenOption.APPEND);

        AuditLog reopened = new AuditLog(data);
        assertThat(reopened.read()).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted");
        assertThat(Files.readAllLines(log.file()).get(0)).startsWith("{\"at\":\"2026-11-26T10:00:00Z\"");

        reopened.append(entry("failed"));
        assertThat(reopened.read()).extracting(AuditLog.Entry::phase).contains("failed");
    }

    private static AuditLog.Entry entry(String phase) {
        return new AuditLog.Entry(Instant.parse("2026-11-26T10:00:00Z"), phase, "ABORT", "demo", "me", "s1", "db-1", 7,
                "running", "compute-0", "compute-1", "openstack server migration abort s1 7", null, null);
    }

    @Test
    void aNewLogIsReadableByItsOwnerOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AuditLog log = new AuditLog(dir);
        log.append(entry("requested"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(log.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void aTornMultiByteLastLineDoesNotMakeTheLogUnreadable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AuditLog log = new AuditLog(dir);
        log.append(entry("requested"));
        byte[] ja = "{\"phase\":\"requested\",\"ticket\":\"案件".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a crash in the middle of the last character: its first byte only
        java.nio.file.Files.write(log.file(), java.util.Arrays.copyOf(ja, ja.length - 2), java.nio.file.StandardOpenOption.APPEND);
        assertThat(log.read()).extracting(AuditLog.Entry::phase).containsExactly("requested");
        log.append(entry("accepted"));
        assertThat(log.read()).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted");
    }
}
