package dev.migrationworkbench.offline;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.service.DiagnosisRun;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Offline diagnosis as the command line and the window call it: read sosreports and logs (or one
 * evidence bundle), list the live migrations found, diagnose one server with the same engine the
 * online path uses, and point every evidence item at the file and line it came from.
 */
public final class OfflineDiagnosis {

    /** A diagnosis and what it was made from; {@code offlineCase} is null for an evidence bundle. */
    public record Result(DiagnosisRun run, OfflineCase offlineCase, String migrationId) {

        public Evidence evidence() {
            return run.evidence();
        }

        public Diagnosis diagnosis() {
            return run.diagnosis();
        }
    }

    private static DiagnosisRun run(Evidence evidence, Diagnosis diagnosis) {
        return new DiagnosisRun(evidence, diagnosis, DiagnosisRun.outcomeOf(diagnosis));
    }

    private final DiagnosisEngine engine;

    public OfflineDiagnosis() {
        this(new DiagnosisEngine());
    }

    public OfflineDiagnosis(DiagnosisEngine engine) {
        this.engine = engine;
    }

    /** The inputs are one evidence bundle (opened by {@link #openBundle}) rather than sosreports or logs. */
    public static boolean isBundle(List<Path> inputs) {
        return inputs.size() == 1 && EvidenceBundle.looksLikeBundle(inputs.get(0));
    }

    public OfflineCase read(List<Path> inputs, OfflineEvidenceReader.Progress progress) throws OfflineException {
        return new OfflineEvidenceReader().read(inputs, progress);
    }

    /** The diagnosis a bundle's sender saw: the same engine on the same evidence. */
    public Result openBundle(Path bundle, String migrationId) throws OfflineException {
        EvidenceBundle.Contents contents = EvidenceBundle.read(bundle);
        String migration = migrationId != null ? migrationId : contents.migrationId();
        return new Result(run(contents.evidence(), engine.diagnose(contents.evidence(), migration)), null, migration);
    }

    /**
     * Diagnoses one server of the case ({@code server}: its UUID or its name as the domain XML
     * records it; {@code migrationId}: the migration's number in the case or Nova's migration UUID,
     * null for the newest).
     */
    public Result diagnose(OfflineCase offlineCase, String server, String migrationId) throws OfflineException {
        List<OfflineCase.FoundMigration> mine = offlineCase.migrationsOf(server);
        if (mine.isEmpty()) {
            String known = offlineCase.migrations().stream()
                    .map(f -> f.instanceUuid() + (f.serverName() == null ? "" : " (" + f.serverName() + ")"))
                    .distinct().collect(Collectors.joining(", "));
            throw new OfflineException("No live migration of server '" + server + "' in these files. "
                    + (known.isEmpty() ? "They hold no live migration at all (no Nova log lines about one)."
                            : "Servers with live migrations: " + known + "."));
        }
        String focus = migrationId == null ? null : mine.stream()
                .filter(f -> String.valueOf(f.id()).equals(migrationId.trim())
                        || migrationId.trim().equalsIgnoreCase(f.migration().uuid()))
                .map(f -> String.valueOf(f.id())).findFirst()
                .orElseThrow(() -> new OfflineException("Server '" + server + "' has no migration '" + migrationId
                        + "' in these files; its migrations: " + mine.stream().map(f -> String.valueOf(f.id()))
                                .collect(Collectors.joining(", ")) + "."));
        Evidence evidence = offlineCase.evidence(server, focus).orElseThrow();
        Diagnosis diagnosis = engine.diagnose(evidence, focus);
        return new Result(run(evidence, offlineCase.cite(diagnosis, evidence)), offlineCase, focus);
    }
}
