package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.ApiCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceNotFoundRuleTest {

    @Test
    void aMissingIdIsReportedWithThe404() {
        Diagnosis d = diagnose(evidence().query("no-such-vm")
                .call(Worlds.failedCall("GET", "/servers/no-such-vm", 404, "Instance no-such-vm could not be found."))
                .build());
        Finding f = only(d, FindingCode.INSTANCE_NOT_FOUND);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(f.title().args()).containsExactly("no-such-vm");
        assertThat(f.remediation().get(0).commands()).contains("openstack server list --all-projects --name no-such-vm");
        assertThat(d.codes()).containsExactly(FindingCode.INSTANCE_NOT_FOUND);
    }

    @Test
    void anAmbiguousNameListsTheCandidates() {
        Diagnosis d = diagnose(evidence().query("web")
                .nameMatch(Worlds.server("id-a", "web", "ACTIVE", "c0", null))
                .nameMatch(Worlds.server("id-b", "web", "ACTIVE", "c1", null))
                .build());
        Finding f = only(d, FindingCode.INSTANCE_NOT_FOUND);
        assertThat(f.title().key()).isEqualTo("diagnosis.notFound.ambiguous.title");
        assertThat(f.evidence()).hasSize(2);
        assertThat(f.remediation().get(0).commands()).containsExactly("openstack server show id-a", "openstack server show id-b");
    }

    @Test
    void aForbiddenLookupIsNotCheckedRatherThanNotFound() {
        Diagnosis d = diagnose(evidence().query("vm")
                .call(Worlds.failedCall("GET", "/servers/vm", 403, "Policy doesn't allow os_compute_api:servers:show"))
                .build());
        assertThat(d.findings()).isEmpty();
        assertThat(d.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.INSTANCE_NOT_FOUND));
    }

    @Test
    void aServerThatIsThereIsNotReported() {
        assertThat(diagnose(evidence().server(Worlds.server("ACTIVE", "c0")).build()).findings()).isEmpty();
    }

    @Test
    void aNameSearchThatTimedOutDroppedOrAnsweredGarbageIsNotCheckedAndInconclusive() {
        for (ApiCall failure : List.of(
                new ApiCall("servers.search", "GET", "/servers/detail?name=%5Eweb%24", "2.71", null, 60000, null,
                        "TIMEOUT", "servers.search: no answer within 60000 ms"),
                new ApiCall("servers.search", "GET", "/servers/detail?name=%5Eweb%24", "2.71", null, 3, null,
                        "UNREACHABLE", "connection closed while reading"),
                new ApiCall("servers.search", "GET", "/servers/detail?name=%5Eweb%24", "2.71", 200, 3, "{\"servers\": [",
                        "BAD_RESPONSE", "servers.search: the answer is not JSON"),
                new ApiCall("servers.search", "GET", "/servers/detail?name=%5Eweb%24", "2.71", 503, 3, "<html>",
                        "RATE_LIMITED", "HTTP 503"))) {
            Diagnosis d = diagnose(evidence().query("web").call(failure).build());
            assertThat(d.findings()).as(failure.errorKind()).isEmpty();
            assertThat(d.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.INSTANCE_NOT_FOUND));
            assertThat(d.inconclusive()).isTrue();
            assertThat(d.failedEssentialCalls()).containsExactly(failure);
        }
    }

    @Test
    void a404IsAFindingNotAnInconclusiveDiagnosis() {
        Diagnosis d = diagnose(evidence().query(Worlds.VM)
                .call(new ApiCall("servers.show", "GET", "/servers/" + Worlds.VM, "2.71", 404, 3, "{}", "NOT_FOUND",
                        "Instance could not be found."))
                .build());
        assertThat(d.codes()).containsExactly(FindingCode.INSTANCE_NOT_FOUND);
        assertThat(d.inconclusive()).isFalse();
        assertThat(d.failedEssentialCalls()).isEmpty();
    }
}
