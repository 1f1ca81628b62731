package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Evidence items in the form every rule cites them: which call, which field, which value. */
final class RuleSupport {

    private RuleSupport() {
    }

    static EvidenceItem serverField(Server server, String field, Object value) {
        return EvidenceItem.field("GET /servers/" + server.id(), field, value);
    }

    static List<EvidenceItem> migrationFacts(DiagnosisContext context) {
        List<EvidenceItem> items = new ArrayList<>();
        context.migration().ifPresent(m -> {
            String source = (m.inProgress() ? "GET /servers/" + context.serverId() + "/migrations/"
                    : "GET /os-migrations?instance_uuid=" + context.serverId() + " #") + m.id();
            items.add(EvidenceItem.field(source, "status", m.status()));
            items.add(EvidenceItem.field(source, "source_compute", m.sourceCompute()));
            items.add(EvidenceItem.field(source, "dest_compute", m.destCompute()));
            if (m.createdAt() != null) {
                items.add(EvidenceItem.field(source, "created_at", m.createdAt()));
            }
        });
        return items;
    }

    static List<EvidenceItem> serviceFacts(ComputeService service) {
        String source = "GET /os-services?binary=nova-compute&host=" + service.host();
        List<EvidenceItem> items = new ArrayList<>();
        items.add(EvidenceItem.field(source, "state", service.state()));
        items.add(EvidenceItem.field(source, "status", service.status()));
        if (service.forcedDown() != null) {
            items.add(EvidenceItem.field(source, "forced_down", service.forcedDown()));
        }
        if (service.disabledReason() != null) {
            items.add(EvidenceItem.field(source, "disabled_reason", service.disabledReason()));
        }
        if (service.updatedAt() != null) {
            items.add(EvidenceItem.field(source, "updated_at", service.updatedAt()));
        }
        return items;
    }

    static List<EvidenceItem> texts(List<FailureText> texts) {
        return texts.stream().map(FailureText::evidence).toList();
    }

    /** The most telling line of the texts: event details first, then the rest. */
    static String quote(List<FailureText> texts) {
        return texts.stream()
                .filter(t -> t.evidence().kind() == EvidenceItem.Kind.MESSAGE)
                .findFirst().or(() -> texts.stream().findFirst())
                .map(t -> t.evidence().value()).orElse("");
    }

    static EvidenceItem callFailure(ApiCall call) {
        return new EvidenceItem(EvidenceItem.Kind.CALL_FAILURE, call.method() + " " + call.url(),
                call.httpStatus() == null ? call.errorKind() : "HTTP " + call.httpStatus(),
                call.errorMessage(), null);
    }

    /** How a call failed, in one line: "HTTP 503: Nova's message" or "TIMEOUT: ...". */
    static String failure(ApiCall call) {
        return (call.httpStatus() == null ? call.errorKind() : "HTTP " + call.httpStatus()) + ": " + call.errorMessage();
    }

    /** The failed collection call whose URL contains {@code path}, e.g. a 403 on os-services. */
    static Optional<ApiCall> failedCall(DiagnosisContext context, String path) {
        return context.failedCalls().stream()
                .filter(c -> c.url() != null && c.url().toLowerCase(Locale.ROOT).contains(path.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String hostOr(String host, String fallback) {
        return host == null || host.isBlank() ? fallback : host;
    }

    static boolean ended(Migration migration) {
        return !migration.inProgress();
    }
}
