package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.Connector;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diagnose --demo FILE --server db-1 --watch 60} as a user runs it, on a scenario file whose
 * cloud fails in the middle of the watch (every fault class the demo cloud has, as a {@code faults:}
 * entry with {@code from}/{@code until} in the scenario's virtual time): the watch goes on through
 * the failed samples, says which could not be taken, and gives the verdict of the run without the
 * fault once the fault has ended; a fault that lasts past the watch is exit 3 or 4 with no finding
 * that is not there. Never a stack trace.
 */
class DiagnoseWatchFaultsTest {

    /** Samples are taken every 5 s from 3m05s (after --demo-time PT3M) to 4m00s; the fault hits 3m10s … 3m25s. */
    private static final String DURING = "from: 3m10s, until: 3m30s";
    private static final Pattern FINDING = Pattern.compile("\\[(HIGH|MEDIUM|LOW)\\] ([A-Z_]+)");

    @TempDir
    Path tmp;
    private String scenario;

    private record Run(int exit, String out, String err) {
        Set<String> findings() {
            return FINDING.matcher(out).results().map(m -> m.group(2)).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @BeforeEach
    void readScenario() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/scenarios/migration-not-converging.yaml")) {
            scenario = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Run watch(String name, String faults, String timeline) throws Exception {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, scenario.replace("timeline:\n", "timeline:\n" + timeline)
                + (faults.isEmpty() ? "" : "faults:\n" + faults));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DiagnoseCommand(new Connector(new CloudProfiles(Map.of(), List.of()),
                AppDirs.under(tmp.resolve("home-" + name)))));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--demo", file.toString(), "--server", "db-1", "--watch", "60", "--lang", "en");
        return new Run(exit, out.toString(), err.toString());
    }

    private static Map<String, String[]> faultClasses() {
        Map<String, String[]> faults = new LinkedHashMap<>(); // name -> faults entries, timeline entries
        faults.put("status-500", new String[] {"  - {kind: status, status: 500, " + DURING + "}\n", ""});
        faults.put("status-503", new String[] {"  - {kind: status, status: 503, " + DURING + "}\n", ""});
        faults.put("rate-limited", new String[] {"  - {kind: rate_limited, retry_after: 1s, " + DURING + "}\n", ""});
        faults.put("reset", new String[] {"  - {kind: reset, " + DURING + "}\n", ""});
        faults.put("closed", new String[] {"  - {kind: drop_connection, " + DURING + "}\n", ""});
        faults.put("malformed", new String[] {"  - {kind: malformed_body, " + DURING + "}\n", ""});
        faults.put("truncated", new String[] {"  - {kind: truncated_body, " + DURING + "}\n", ""});
        faults.put("endless", new String[] {"  - {kind: endless_body, " + DURING + "}\n", ""});
        faults.put("gzip-bomb", new String[] {"  - {kind: gzip_bomb, " + DURING + "}\n", ""});
        faults.put("stall", new String[] {"  - {kind: stall, stall: 2s, " + DURING + "}\n", ""});
        faults.put("latency", new String[] {"  - {kind: latency, delay: 1500ms, " + DURING + "}\n", ""});
        faults.put("token-expiry-keystone-503", new String[] {
            "  - {kind: status, status: 503, paths: \"/identity/.*\", " + DURING + "}\n",
            "  - {at: 3m10s, expire_tokens: {}}\n"});
        faults.put("cloud-gone", new String[] {"  - {kind: drop_connection, paths: \".*\", " + DURING + "}\n", ""});
        return faults;
    }

    private static void assertNoStackTrace(String name, Run r) {
        assertThat(r.out() + r.err()).as(name).doesNotContain("\tat ", "Caused by:", "at dev.migrationworkbench.",
                "at java.base/");
    }

    @Test
    void theWatchGoesOnThroughEachFaultAndGivesTheVerdictWithoutItOnceItEnds() throws Exception {
        Run baseline = watch("baseline", "", "");
        assertThat(baseline.exit()).as(baseline.out() + baseline.err()).isEqualTo(1);
        assertThat(baseline.findings()).isNotEmpty();
        assertThat(baseline.err()).doesNotContain("could not be taken");
        assertNoStackTrace("baseline", baseline);
        for (Map.Entry<String, String[]> fault : faultClasses().entrySet()) {
            String name = fault.getKey();
            long start = System.nanoTime();
            Run r = watch(name, fault.getValue()[0], fault.getValue()[1]);
            System.out.printf("diagnose --watch 60 under %s (virtual 3m10s-3m30s): exit %d in %d ms, %d samples not taken%n",
                    name, r.exit(), (System.nanoTime() - start) / 1_000_000,
                    Pattern.compile("could not be taken").matcher(r.err()).results().count());
            String all = name + "\n" + r.out() + r.err();
            assertNoStackTrace(name, r);
            assertThat(r.exit()).as(all).isEqualTo(baseline.exit());
            assertThat(r.findings()).as(all).isEqualTo(baseline.findings());
            if (!name.equals("latency")) {
                assertThat(r.err()).as(all).contains("could not be taken").contains("still watching");
            }
        }
    }

    @Test
    void aFaultThatOutlastsTheWatchIsNoFalseFindingAndNeverNoProblem() throws Exception {
        Run baseline = watch("baseline", "", "");
        for (String fault : List.of("  - {kind: status, status: 503, from: 3m10s}\n",
                "  - {kind: drop_connection, paths: \".*\", from: 3m10s}\n", "  - {kind: endless_body, from: 3m10s}\n")) {
            Run r = watch("outlasting", fault, "");
            String all = fault + r.out() + r.err();
            assertNoStackTrace(fault, r);
            assertThat(r.exit()).as(all).isIn(3, 4);
            assertThat(baseline.findings()).as(all).containsAll(r.findings());
            assertThat(r.out()).as(all).doesNotContain("No problem found");
        }
    }
}
