package dev.migrationworkbench.triage;

import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.model.Migration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every live migration of a cloud in progress or ended within a period, each with its verdict,
 * sorted by what needs attention first; counts per verdict and per cause; the drain progress of
 * every source host. {@code unseen} says what the triage could not read (calls that failed), so a
 * partial picture is never shown as a complete one.
 *
 * @param at     the cloud's time of the triage
 * @param since  the period of ended migrations (migrations updated within it)
 * @param host   the source host it is limited to (null: all)
 */
public record Triage(Instant at, Duration since, String host, List<MigrationVerdict> migrations,
        Map<Verdict, Integer> verdictCounts, Map<FindingCode, Integer> causeCounts, List<HostDrain> drains,
        List<String> unseen) {

    /** Attention first: verdict, then worst finding, then the soonest switchover, then the newest. */
    public static final Comparator<MigrationVerdict> ATTENTION = Comparator.comparing(MigrationVerdict::verdict)
            .thenComparing(v -> v.worstSeverity().orElse(null), Comparator.nullsLast(Comparator.<Severity>naturalOrder()))
            .thenComparing(v -> v.etaSeconds().orElse(null), Comparator.nullsLast(Comparator.<Double>naturalOrder()))
            .thenComparing(v -> v.migration().updatedAt(), Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparingLong(v -> v.migration().id());

    public Triage {
        migrations = List.copyOf(migrations);
        verdictCounts = Map.copyOf(verdictCounts);
        causeCounts = Map.copyOf(causeCounts);
        drains = List.copyOf(drains);
        unseen = List.copyOf(unseen);
    }

    /**
     * Puts the verdicts together.
     *
     * @param instancesOnHost instances on each source host now (a host missing: not known)
     */
    public static Triage of(Instant at, Duration since, String host, List<MigrationVerdict> verdicts,
            Map<String, Integer> instancesOnHost, List<String> unseen) {
        List<MigrationVerdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(ATTENTION);
        Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
        Map<FindingCode, Integer> byCause = new EnumMap<>(FindingCode.class);
        for (MigrationVerdict v : sorted) {
            byVerdict.merge(v.verdict(), 1, Integer::sum);
            if (v.cause() != null) {
                byCause.merge(v.cause(), 1, Integer::sum);
            }
        }
        return new Triage(at, since, host, sorted, byVerdict, byCause, drains(sorted, instancesOnHost), unseen);
    }

    /** Has any migration a finding or a verdict that needs attention. */
    public boolean hasFindings() {
        return migrations.stream().anyMatch(v -> !v.codes().isEmpty() || v.verdict().needsAttention()
                && v.verdict() != Verdict.INCONCLUSIVE);
    }

    /** Could a running migration not be judged, or a call the picture depends on not be read. */
    public boolean inconclusive() {
        return !unseen.isEmpty() || migrations.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE);
    }

    public List<MigrationVerdict> running() {
        return migrations.stream().filter(v -> v.verdict().inProgress()).toList();
    }

    public int count(Verdict verdict) {
        return verdictCounts.getOrDefault(verdict, 0);
    }

    /** The drain of one source host, if it has migrations in the triage. */
    public java.util.Optional<HostDrain> drain(String sourceHost) {
        return drains.stream().filter(d -> d.host().equals(sourceHost)).findFirst();
    }

    private static List<HostDrain> drains(List<MigrationVerdict> sorted, Map<String, Integer> instancesOnHost) {
        Map<String, List<MigrationVerdict>> bySource = new TreeMap<>();
        for (MigrationVerdict v : sorted) {
            String source = v.migration().sourceCompute();
            bySource.computeIfAbsent(source == null ? "?" : source, h -> new ArrayList<>()).add(v);
        }
        List<HostDrain> drains = new ArrayList<>();
        bySource.forEach((h, list) -> {
            int done = 0;
            int running = 0;
            int failed = 0;
            Instant endsAt = null;
            List<String> blocked = new ArrayList<>();
            List<String> unjudged = new ArrayList<>();
            for (MigrationVerdict v : list) {
                Verdict verdict = v.verdict();
                if (verdict == Verdict.COMPLETED) {
                    done++;
                } else if (verdict.endedWithoutMoving()) {
                    failed++;
                } else if (verdict.inProgress()) {
                    running++;
                    if (verdict == Verdict.NOT_CONVERGING) {
                        blocked.add(v.serverId());
                    } else if (verdict == Verdict.INCONCLUSIVE || verdict == Verdict.QUEUED) {
                        unjudged.add(v.serverId());
                    } else {
                        Instant eta = v.etaAt().orElse(null);
                        if (eta == null) {
                            unjudged.add(v.serverId());
                        } else if (endsAt == null || eta.isAfter(endsAt)) {
                            endsAt = eta;
                        }
                    }
                }
            }
            Integer on = instancesOnHost.get(h);
            Integer left = on == null ? null : Math.max(0, on - running);
            drains.add(new HostDrain(h, done, running, failed, on, left,
                    blocked.isEmpty() && unjudged.isEmpty() ? endsAt : null, blocked, unjudged));
        });
        // the stuck drains first, then the busiest
        drains.sort(Comparator.comparing((HostDrain d) -> !d.stuck()).thenComparing(d -> -d.running())
                .thenComparing(HostDrain::host));
        return drains;
    }

    /** The migrations ended within {@code since} before {@code at}, or still in progress. */
    public static boolean inPeriod(Migration m, Instant at, Duration since) {
        if (m.inProgress()) {
            return true;
        }
        Instant t = m.updatedAt() != null ? m.updatedAt() : m.createdAt();
        return t == null || !t.isBefore(at.minus(since));
    }

    /** Counts per verdict in attention order, for display. */
    public Map<Verdict, Integer> verdictCountsInOrder() {
        Map<Verdict, Integer> ordered = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            if (verdictCounts.containsKey(v)) {
                ordered.put(v, verdictCounts.get(v));
            }
        }
        return ordered;
    }

    /** Counts per cause, most frequent first. */
    public List<Map.Entry<FindingCode, Integer>> causesByFrequency() {
        return causeCounts.entrySet().stream()
                .sorted(Map.Entry.<FindingCode, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

}
