package dev.migrationworkbench.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The append-only record of every action taken on a cloud, one JSON object per line in the user's
 * data dir. Each entry is written and forced to disk before the call it announces is sent, so an
 * action is never taken without a trace, even if the workbench dies right after.
 */
public final class AuditLog {

    /**
     * One line of the log. {@code phase}: requested, accepted, failed or refused, then outcome (the
     * migration's final status once followed to its end). {@code user}: who ran the workbench on
     * this machine; {@code cloudUser}: the Keystone user the call was made as.
     */
    public record Entry(Instant at, String phase, String action, String cloud, String user, String serverId,
            String serverName, long migrationId, String migrationStatus, String sourceHost, String destHost,
            String command, String ticket, String detail, String cloudUser) {

        public Entry(Instant at, String phase, String action, String cloud, String user, String serverId,
                String serverName, long migrationId, String migrationStatus, String sourceHost, String destHost,
                String command, String ticket, String detail) {
            this(at, phase, action, cloud, user, serverId, serverName, migrationId, migrationStatus, sourceHost,
                    destHost, command, ticket, detail, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;

    public AuditLog(Path dataDir) {
        this.file = dataDir.resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry entry) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            boolean torn = endsTorn(file);
            try (FileChannel channel = open(file)) {
                ByteBuffer buffer = ByteBuffer.wrap(torn ? prefixNewline(line) : line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }

    /** Appending; a new log is created readable by its owner only (it names servers, hosts and tickets). */
    private static FileChannel open(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, options);
    }

    /** True when a crash left the last line without its newline: the next entry must not join it. */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) != '\n';
        }
    }

    private static byte[] prefixNewline(byte[] line) {
        byte[] out = new byte[line.length + 1];
        out[0] = '\n';
        System.arraycopy(line, 0, out, 1, line.length);
        return out;
    }

    /** All entries, oldest first; a damaged line (a crash mid-write) is skipped, not fatal. */
    public synchronized List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            // decoded leniently: a multi-byte character torn by a crash must not make the whole log unreadable
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readValue(line, Entry.class));
                } catch (IOException damaged) {
                    // a torn last line cannot hide the entries before it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
        return entries;
    }
}
