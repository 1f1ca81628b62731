package dev.migrationworkbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.triage.HostDrain;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;

/** The triage for tools, in the schema of docs/TRIAGE.md (version {@value #SCHEMA_VERSION}). */
final class TriageJson {

    static final int SCHEMA_VERSION = 1;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final DiagnosisText text;

    TriageJson(DiagnosisText text) {
        this.text = text;
    }

    String render(CloudInfo cloud, Triage t) throws JsonProcessingException {
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("at", t.at().toString());
        root.put("since", t.since().toString());
        root.put("host", t.host());
        if (cloud != null) {
            ObjectNode c = root.putObject("cloud");
            c.put("name", cloud.cloudName());
            c.put("authUrl", cloud.authUrl());
            c.put("novaMaxVersion", cloud.novaMaxVersion());
            c.put("admin", cloud.admin());
        }
        ObjectNode verdicts = root.putObject("verdictCounts");
        t.verdictCountsInOrder().forEach((v, n) -> verdicts.put(v.name(), n));
        ObjectNode causes = root.putObject("causeCounts");
        t.causesByFrequency().forEach(e -> causes.put(e.getKey().name(), e.getValue()));
        ArrayNode migrations = root.putArray("migrations");
        for (MigrationVerdict v : t.migrations()) {
            migrations.add(migration(v));
        }
        ArrayNode drains = root.putArray("drains");
        for (HostDrain d : t.drains()) {
            ObjectNode o = drains.addObject();
            o.put("host", d.host());
            o.put("done", d.done());
            o.put("running", d.running());
            o.put("failed", d.failed());
            o.put("left", d.left());
            o.put("instancesOnHost", d.instancesOnHost());
            o.put("endsAt", d.endsAt() == null ? null : d.endsAt().toString());
            o.put("stuck", d.stuck());
            d.blockedBy().forEach(o.putArray("blockedBy")::add);
            d.unjudged().forEach(o.putArray("unjudged")::add);
        }
        ArrayNode unseen = root.putArray("unseen");
        t.unseen().forEach(unseen::add);
        return json.writeValueAsString(root);
    }

    private ObjectNode migration(MigrationVerdict v) {
        Migration m = v.migration();
        ObjectNode o = json.createObjectNode();
        o.put("id", m.id());
        o.put("uuid", m.uuid());
        o.put("serverId", m.serverId());
        o.put("serverName", v.serverName());
        o.put("status", m.status());
        o.put("sourceCompute", m.sourceCompute());
        o.put("destCompute", m.destCompute());
        o.put("createdAt", m.createdAt() == null ? null : m.createdAt().toString());
        o.put("updatedAt", m.updatedAt() == null ? null : m.updatedAt().toString());
        o.put("verdict", v.verdict().name());
        o.put("cause", v.cause() == null ? null : v.cause().name());
        ArrayNode codes = o.putArray("codes");
        v.codes().stream().map(FindingCode::name).forEach(codes::add);
        o.put("worstSeverity", v.worstSeverity().map(Enum::name).orElse(null));
        o.put("memoryRemainingBytes", m.memoryRemainingBytes());
        ConvergenceAnalysis a = v.diagnosis().convergence();
        if (a != null) {
            ObjectNode c = o.putObject("convergence");
            c.put("verdict", a.verdict().name());
            c.put("confidence", a.confidence().name());
            c.put("samples", a.sampleCount());
            c.put("etaSeconds", a.etaSeconds());
            c.put("etaAt", a.etaAt() == null ? null : a.etaAt().toString());
            c.put("recommendation", a.recommendation().action().name());
            c.put("forceCompletePauseSeconds", a.forceComplete() == null ? null : a.forceComplete().pauseSeconds());
        }
        o.put("suggestion", v.suggestion().name());
        ArrayNode notes = o.putArray("notes");
        for (Note n : v.diagnosis().notes()) {
            notes.add(text.text(n.text()));
        }
        return o;
    }
}
