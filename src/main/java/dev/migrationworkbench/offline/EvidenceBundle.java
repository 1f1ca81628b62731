package dev.migrationworkbench.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationworkbench.config.SafeFiles;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The workbench's evidence bundle: one JSON file with everything a diagnosis was made from — the
 * server, its migrations and instance actions, services, hypervisors, flavor, server group, the
 * probe agents' host reports, the progress samples and every API call with its raw response — so
 * that a colleague who opens it sees exactly the diagnosis the sender saw (the same engine runs on
 * the same evidence; its clock is the evidence's {@code collectedAt}). Tokens and passwords are
 * never in it: the evidence holds none, and response bodies are scrubbed of any field whose name
 * says password, token, secret or credential. Format: docs/OFFLINE.md.
 */
public final class EvidenceBundle {

    public static final String FORMAT = "migration-workbench-evidence";
    public static final int VERSION = 1;
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"[A-Za-z_-]*(?:password|adminPass|token|secret|credential)[A-Za-z_-]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.CASE_INSENSITIVE);

    /** What a bundle holds besides the evidence: the migration the diagnosis focused on, when and by what it was saved. */
    public record Contents(Evidence evidence, String migrationId, Instant savedAt, String savedBy) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceBundle() {
    }

    /** Writes the bundle (to a temporary file next to it first, so a failed write leaves no half file). */
    public static void write(Evidence evidence, String migrationId, String savedBy, Path file) throws IOException {
        Evidence clean = scrubbed(evidence);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("savedAt", Instant.now().toString());
        root.put("savedBy", savedBy);
        root.put("migrationId", migrationId);
        root.set("evidence", JSON.valueToTree(clean));
        byte[] bytes = (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        // a symbolic link is followed (never replaced by a file), a FIFO or /dev/stdout written to as it is
        SafeFiles.write(file, out -> out.write(bytes));
    }

    /** Reads a bundle; a file of another kind, format or a newer version gives a specific error. */
    public static Contents read(Path file) throws OfflineException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new OfflineException(file + " is not a readable evidence bundle: invalid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + " ("
                    + e.getOriginalMessage() + ").");
        } catch (IOException e) {
            throw new OfflineException("Cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new OfflineException(file + " is JSON but not a Migration Workbench evidence bundle (no \"format\": \""
                    + FORMAT + "\").");
        }
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new OfflineException(file + " is an evidence bundle of version " + version + "; this workbench reads "
                    + "version " + VERSION + ". Open it with a newer Migration Workbench.");
        }
        try {
            Evidence evidence = JSON.treeToValue(root.get("evidence"), Evidence.class);
            if (evidence == null) {
                throw new OfflineException(file + " is an evidence bundle without evidence.");
            }
            String migration = root.hasNonNull("migrationId") ? root.get("migrationId").asText() : null;
            Instant savedAt = root.hasNonNull("savedAt") ? Instant.parse(root.get("savedAt").asText()) : null;
            return new Contents(evidence, migration, savedAt, root.path("savedBy").asText(null));
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new OfflineException(file + " is a damaged evidence bundle: " + e.getMessage());
        }
    }

    /** Whether the file starts like a bundle (a JSON object), by its first bytes. */
    public static boolean looksLikeBundle(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(256);
            String text = new String(head, StandardCharsets.UTF_8).stripLeading();
            return text.startsWith("{") && text.contains("\"format\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static Evidence scrubbed(Evidence e) {
        List<ApiCall> calls = e.calls().stream().map(c -> new ApiCall(c.name(), c.method(), c.url(), c.microversion(),
                c.httpStatus(), c.durationMillis(), scrub(c.responseBody()), c.errorKind(), scrub(c.errorMessage()))).toList();
        return new Evidence(e.serverQuery(), e.collectedAt(), e.cloud(), e.server(), e.nameMatches(), e.liveMigrations(),
                e.migrations(), e.actions(), e.services(), e.hypervisors(), e.serverGroup(), e.flavor(), e.hostTopologies(),
                e.samples(), e.otherServersOnHosts(), calls);
    }

    static String scrub(String text) {
        return text == null ? null : SECRET_FIELD.matcher(text).replaceAll("$1\"***\"");
    }
}
