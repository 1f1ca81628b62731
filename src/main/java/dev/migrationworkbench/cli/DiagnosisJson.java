package dev.migrationworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.service.DiagnosisRun;

/** The diagnosis for tools, in the schema of docs/DIAGNOSIS.md (version {@value #SCHEMA_VERSION}). */
final class DiagnosisJson {

    static final int SCHEMA_VERSION = 1;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final DiagnosisText text;
    private final String language;

    DiagnosisJson(DiagnosisText text, String language) {
        this.text = text;
        this.language = language;
    }

    String render(DiagnosisRun run) throws com.fasterxml.jackson.core.JsonProcessingException {
        Evidence evidence = run.evidence();
        Diagnosis d = run.diagnosis();
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("outcome", run.outcome().name());
        root.put("language", language);
        root.put("collectedAt", evidence.collectedAt() == null ? null : evidence.collectedAt().toString());
        ObjectNode server = root.putObject("server");
        server.put("query", evidence.serverQuery());
        server.put("id", d.server().id());
        server.put("name", d.server().name());
        if (evidence.cloud() != null) {
            ObjectNode cloud = root.putObject("cloud");
            cloud.put("name", evidence.cloud().cloudName());
            cloud.put("authUrl", evidence.cloud().authUrl());
            cloud.put("novaMaxVersion", evidence.cloud().novaMaxVersion());
            cloud.put("admin", evidence.cloud().admin());
        }
        Migration m = d.migration();
        if (m == null) {
            root.putNull("migration");
        } else {
            ObjectNode mig = root.putObject("migration");
            mig.put("id", m.id());
            mig.put("uuid", m.uuid());
            mig.put("status", m.status());
            mig.put("sourceCompute", m.sourceCompute());
            mig.put("destCompute", m.destCompute());
            mig.put("createdAt", m.createdAt() == null ? null : m.createdAt().toString());
        }
        root.put("worstSeverity", d.worstSeverity().map(Enum::name).orElse(null));
        root.put("inconclusive", d.inconclusive());
        ArrayNode notSeen = root.putArray("failedEssentialCalls");
        d.failedEssentialCalls().forEach(c -> notSeen.addObject().put("name", c.name()).put("method", c.method())
                .put("url", c.url()).put("httpStatus", c.httpStatus()).put("errorKind", c.errorKind())
                .put("errorMessage", c.errorMessage()));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
            ObjectNode o = findings.addObject();
            o.put("code", f.code().name());
            o.put("severity", f.severity().name());
            o.put("confidence", f.confidence().name());
            o.set("subject", json.valueToTree(f.subject()));
            o.put("title", text.text(f.title()));
            o.put("explanation", text.text(f.explanation()));
            o.set("titleRef", ref(f.title()));
            o.set("explanationRef", ref(f.explanation()));
            ArrayNode ev = o.putArray("evidence");
            for (EvidenceItem e : f.evidence()) {
                ev.add(json.valueToTree(e));
            }
            ArrayNode rem = o.putArray("remediation");
            for (Remediation r : f.remediation()) {
                ObjectNode ro = rem.addObject();
                ro.put("text", text.text(r.text()));
                ro.set("textRef", ref(r.text()));
                ro.set("commands", json.valueToTree(r.commands()));
            }
            o.set("explainedBy", json.valueToTree(f.explainedBy()));
        }
        ArrayNode notes = root.putArray("notes");
        for (Note n : d.notes()) {
            ObjectNode o = notes.addObject();
            o.put("code", n.code() == null ? null : n.code().name());
            o.put("text", text.text(n.text()));
            o.set("textRef", ref(n.text()));
        }
        ConvergenceAnalysis c = d.convergence();
        if (c == null) {
            root.putNull("convergence");
        } else {
            ObjectNode o = json.valueToTree(c);
            o.put("dirtyRatio", c.dirtyRatio());
            o.set("reasons", texts(c.reasons()));
            ((ObjectNode) o.get("recommendation")).set("reasons", texts(c.recommendation().reasons()));
            root.set("convergence", o);
        }
        root.set("numaDiff", d.numaDiff() == null ? json.nullNode() : json.valueToTree(d.numaDiff()));
        root.put("sampleCount", evidence.samples().size());
        return json.writeValueAsString(root);
    }

    private ObjectNode ref(TextRef ref) {
        ObjectNode o = json.createObjectNode();
        o.put("key", ref.key());
        o.set("args", json.valueToTree(ref.args()));
        return o;
    }

    private ArrayNode texts(java.util.List<TextRef> refs) {
        ArrayNode a = json.createArrayNode();
        refs.forEach(r -> a.addObject().put("text", text.text(r)).set("ref", ref(r)));
        return a;
    }
}
