package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The destination would break the instance's server-group policy: Nova said so
 * (GroupAffinityViolation, "instance group policy was violated", "Failed to validate instance group
 * policy"), or the group's members are placed so that it must: another member already on the
 * destination (anti-affinity, beyond {@code max_server_per_host}), the members elsewhere (affinity),
 * or a NoValidHost that the policy alone explains.
 */
public final class ServerGroupPolicyRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.SERVER_GROUP_POLICY_VIOLATION;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<FailureText> texts = NovaError.find(context, NovaError.GROUP_POLICY);
        ServerGroup group = context.evidence().serverGroup();
        if (group == null && texts.isEmpty()) {
            return RuleSupport.failedCall(context, "os-server-groups")
                    .map(call -> Result.notChecked(new Note(code(), TextRef.key("diagnosis.groupPolicy.notChecked",
                            String.valueOf(call.httpStatus()), String.valueOf(call.errorMessage())))))
                    .orElse(Result.none());
        }
        String policy = group == null || group.policy() == null ? "" : group.policy();
        boolean anti = "anti-affinity".equals(policy);
        boolean affinity = "affinity".equals(policy);
        String self = context.serverId();
        List<Server> otherMembers = group == null ? List.of() : context.evidence().otherServersOnHosts().stream()
                .filter(s -> group.members().contains(s.id()) && !s.id().equals(self)).toList();
        String dest = context.destHost().orElse(null);
        int limit = group == null || group.maxServerPerHost() == null ? 1 : group.maxServerPerHost();
        // the group itself could not be read (its lookup failed) but Nova's error names the policy
        long onDest = dest == null || group == null ? 0 : membersOn(context, group, otherMembers, dest);
        boolean destBreaksIt = dest != null && (anti && onDest >= limit
                || affinity && otherMembers.stream().anyMatch(s -> s.host() != null && !dest.equals(s.host())));
        boolean noValidHost = !NovaError.find(context, NovaError.NO_VALID_HOST).isEmpty();
        boolean policyExplainsNoHost = noValidHost && dest == null && group != null && (affinity && !otherMembers.isEmpty()
                || anti && everyCandidateHasMember(context, group, otherMembers, limit));
        boolean stateSaysSo = (context.migrationFailed() || context.migrationInProgress()) && destBreaksIt
                || policyExplainsNoHost;
        if (texts.isEmpty() && !stateSaysSo) {
            return Result.none();
        }
        String groupName = group == null ? "?" : group.name();
        String members = otherMembers.stream().map(s -> s.name() + " (" + s.id() + ") @ " + s.host())
                .collect(Collectors.joining(", "));
        Finding.Builder finding = Finding.of(code(), context.migrationFailed() ? Severity.HIGH : Severity.MEDIUM,
                        context.serverSubject())
                .confidence(texts.isEmpty() ? Confidence.MEDIUM : Confidence.HIGH)
                .title(TextRef.key("diagnosis.groupPolicy.title", groupName, policy.isEmpty() ? "?" : policy))
                .explanation(!texts.isEmpty()
                        ? TextRef.key("diagnosis.groupPolicy.explanation", groupName, policy, RuleSupport.quote(texts))
                        : anti ? TextRef.key("diagnosis.groupPolicy.anti.explanation", groupName, dest == null ? "-" : dest,
                                members.isEmpty() ? "-" : members, limit)
                        : TextRef.key("diagnosis.groupPolicy.affinity.explanation", groupName, members.isEmpty() ? "-" : members))
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(texts));
        if (group != null) {
            String source = "GET /os-server-groups/" + group.id();
            finding.evidence(EvidenceItem.field(source, "policy", policy))
                    .evidence(EvidenceItem.field(source, "members", String.join(", ", group.members())));
            if (group.maxServerPerHost() != null) {
                finding.evidence(EvidenceItem.field(source, "rules.max_server_per_host", group.maxServerPerHost()));
            }
            otherMembers.forEach(s -> finding.evidence(EvidenceItem.field("GET /servers/" + s.id(),
                    "OS-EXT-SRV-ATTR:host", s.host())));
            finding.remediation(Remediation.of(TextRef.key("diagnosis.groupPolicy.fix.inspect"),
                    Commands.serverGroupShow(group.id())));
        }
        finding.remediation(Remediation.of(anti ? TextRef.key("diagnosis.groupPolicy.fix.anti")
                        : TextRef.key("diagnosis.groupPolicy.fix.affinity"),
                Commands.hypervisorList(), Commands.liveMigrate(context.serverId(), null)));
        return Result.of(finding.build());
    }

    private static long membersOn(DiagnosisContext context, ServerGroup group, List<Server> otherMembers, String host) {
        Set<String> ids = Stream.concat(
                        otherMembers.stream().filter(s -> host.equals(s.host())).map(Server::id),
                        context.evidence().hypervisors().stream()
                                .filter(hv -> host.equals(hv.serviceHost()) || host.equals(hv.hostname()))
                                .flatMap(hv -> hv.serverIds().stream())
                                .filter(id -> group.members().contains(id) && !id.equals(context.serverId())))
                .collect(Collectors.toSet());
        return ids.size();
    }

    /** Every host the evidence knows, except the source, already holds the group's limit. */
    private static boolean everyCandidateHasMember(DiagnosisContext context, ServerGroup group, List<Server> otherMembers,
            int limit) {
        String source = context.sourceHost().orElse(null);
        List<String> hosts = context.evidence().services().stream()
                .filter(s -> "nova-compute".equals(s.binary())).map(s -> s.host())
                .filter(h -> h != null && !h.equals(source)).distinct().toList();
        return !hosts.isEmpty() && hosts.stream().allMatch(h -> membersOn(context, group, otherMembers, h) >= limit);
    }
}
