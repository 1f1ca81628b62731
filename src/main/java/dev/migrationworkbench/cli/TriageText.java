package dev.migrationworkbench.cli;

import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.triage.HostDrain;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Suggestion;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import java.util.Locale;
import java.util.stream.Collectors;

/** The triage for people: counts, then the migrations grouped by verdict (attention first), then the drains. */
final class TriageText {

    private final Messages messages;
    private final DiagnosisText text;

    TriageText(Messages messages, DiagnosisText text) {
        this.messages = messages;
        this.text = text;
    }

    String render(CloudInfo cloud, Triage t) {
        StringBuilder out = new StringBuilder();
        out.append(messages.get("triage.text.header", cloud == null ? "?" : cloud.cloudName(), t.at().toString(),
                period(t), t.host() == null ? messages.get("triage.text.allHosts") : t.host())).append('\n');
        if (t.migrations().isEmpty()) {
            out.append(messages.get("triage.text.none")).append('\n');
        }
        out.append(t.verdictCountsInOrder().entrySet().stream()
                .map(e -> e.getValue() + " " + messages.get(e.getKey().key()))
                .collect(Collectors.joining(" · "))).append('\n');
        if (!t.causeCounts().isEmpty()) {
            out.append(messages.get("triage.text.causes", t.causesByFrequency().stream()
                    .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", ")))).append('\n');
        }
        Verdict group = null;
        for (MigrationVerdict v : t.migrations()) {
            if (v.verdict() != group) {
                group = v.verdict();
                out.append('\n').append(messages.get(group.key()).toUpperCase(messages.locale())).append('\n');
            }
            out.append("  ").append(line(v)).append('\n');
            if (v.verdict().needsAttention()) {
                v.diagnosis().findings().stream().limit(1).forEach(f -> out.append("      ").append(text.text(f.title())).append('\n'));
                // a failed migration whose cause could not be read says so in its row
                v.diagnosis().notes().stream().filter(n -> v.diagnosis().findings().isEmpty()
                                && n.code() == FindingCode.MIGRATION_FAILED_OTHER).limit(1)
                        .forEach(n -> out.append("      ").append(text.text(n.text())).append('\n'));
            }
        }
        if (!t.drains().isEmpty()) {
            out.append('\n').append(messages.get("triage.text.drains")).append('\n');
            for (HostDrain d : t.drains()) {
                out.append("  ").append(drain(d)).append('\n');
            }
        }
        if (!t.unseen().isEmpty()) {
            out.append('\n').append(messages.get("diagnose.text.notes")).append('\n');
            t.unseen().forEach(u -> out.append("   - ").append(u).append('\n'));
        }
        out.append('\n').append(messages.get("triage.text.more")).append('\n');
        return out.toString();
    }

    private String line(MigrationVerdict v) {
        Migration m = v.migration();
        StringBuilder s = new StringBuilder();
        s.append(v.serverName() == null ? m.serverId() : v.serverName() + " (" + m.serverId() + ")");
        s.append("  ").append(messages.get("triage.text.migration", String.valueOf(m.id()), m.status(),
                String.valueOf(m.sourceCompute()), String.valueOf(m.destCompute())));
        if (v.cause() != null) {
            s.append("  ").append(v.cause().name());
        }
        String others = v.codes().stream().filter(c -> c != v.cause()).map(FindingCode::name).collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            s.append("  [").append(others).append(']');
        }
        if (m.memoryRemainingBytes() != null && v.verdict().inProgress()) {
            s.append("  ").append(messages.get("triage.text.remaining", mib(m.memoryRemainingBytes())));
        }
        v.etaSeconds().filter(e -> v.verdict() == Verdict.CONVERGING || v.verdict() == Verdict.SLOW)
                .ifPresent(eta -> s.append("  ").append(messages.get("triage.text.eta", Math.round(eta))));
        Suggestion suggestion = v.suggestion();
        if (suggestion != Suggestion.NONE && suggestion != Suggestion.WAIT) {
            s.append("  → ").append(messages.get(suggestion.key()));
            if (suggestion == Suggestion.FORCE_COMPLETE) {
                v.forceCompletePauseSeconds().ifPresent(p -> s.append(' ')
                        .append(messages.get("triage.text.pause", String.format(Locale.ROOT, "%.1f", p))));
            }
        }
        return s.toString();
    }

    private String drain(HostDrain d) {
        String on = d.instancesOnHost() == null ? "?" : String.valueOf(d.instancesOnHost());
        String left = d.left() == null ? "?" : String.valueOf(d.left());
        String end = d.stuck() ? messages.get("triage.text.drainStuck", String.join(", ", d.blockedBy()))
                : d.endsAt() != null ? messages.get("triage.text.drainEnds", d.endsAt().toString())
                : d.running() == 0 ? "" : messages.get("triage.text.drainUnknown", d.unjudged().size());
        return messages.get("triage.text.drain", d.host(), d.done(), d.running(), d.failed(), left, on) + (end.isEmpty() ? "" : "  " + end);
    }

    private String period(Triage t) {
        long h = t.since().toHours();
        return h > 0 && t.since().equals(java.time.Duration.ofHours(h)) ? h + "h" : t.since().toString();
    }

    private static String mib(long bytes) {
        return String.valueOf(bytes / 1048576);
    }

}
