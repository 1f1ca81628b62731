package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdicts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cloud-wide triage: every live migration in progress or ended within a period, each diagnosed
 * exactly as {@code diagnose --server S --migration ID} would (same evidence, same sampling until
 * confident, same engine), then given its verdict. The running ones are sampled together on one
 * clock, one call per running migration per step. Lookups every evidence repeats (services,
 * hypervisors, groups, flavors, servers per host, the probe agents' host reports) are asked once
 * per moment of the triage (again for the collections after sampling); server-specific calls run
 * on a bounded pool.
 */
public final class TriageService {

    /** Concurrent calls to the cloud at most (besides each evidence collection's own). */
    static final int PARALLELISM = 8;

    private final CloudConnection connection;

    public TriageService(CloudConnection connection) {
        this.connection = Objects.requireNonNull(connection);
    }

    /**
     * @param since  ended migrations updated within this period are included (running ones always)
     * @param host   only migrations off this source host (null: all)
     * @param policy how long each running migration is sampled, as {@code diagnose} does
     * @throws CloudException when the migration list itself cannot be read (then there is no triage)
     */
    public Triage triage(Duration since, String host, SamplingPolicy policy) throws InterruptedException {
        SharedLookupGateway shared = new SharedLookupGateway(connection.gateway());
        DiagnosisService diagnosis = connection.diagnosis().over(shared);
        Instant asked = Instant.now();
        List<Migration> migrations = liveMigrations(since, host, asked);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, daemons());
        try {
            List<DiagnosisInProgress> runs = all(pool, migrations.stream()
                    .map(m -> (Callable<DiagnosisInProgress>) () -> diagnosis.start(m.serverId(), String.valueOf(m.id()), policy))
                    .toList());
            MigrationVerdict[] verdicts = new MigrationVerdict[runs.size()];
            boolean[] done = new boolean[runs.size()];
            List<String> unseen = Collections.synchronizedList(new ArrayList<>());
            boolean clockMoved = false;
            while (true) {
                List<Integer> sampling = new ArrayList<>();
                List<Callable<Void>> finishing = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    DiagnosisInProgress run = runs.get(i);
                    if (done[i]) {
                        continue;
                    }
                    if (run.wantsSample()) {
                        sampling.add(i);
                    } else {
                        int index = i;
                        finishing.add(() -> {
                            DiagnosisRun result = run.finish();
                            if (result.diagnosis().migration() == null) {
                                Migration m = migrations.get(index);
                                unseen.add("migration " + m.id() + " of server " + m.serverId()
                                        + ": not found in the server's evidence");
                            } else {
                                verdicts[index] = Verdicts.judge(result.evidence(), result.diagnosis());
                            }
                            done[index] = true;
                            return null;
                        });
                    }
                }
                if (clockMoved && !finishing.isEmpty()) {
                    // they collect again, as a diagnosis alone does after sampling: what the others asked earlier is old
                    shared.forget();
                    diagnosis.forgetHostReports();
                    clockMoved = false;
                }
                all(pool, finishing);
                if (sampling.isEmpty()) {
                    break;
                }
                connection.pacer().await(SamplingPolicy.INTERVAL);
                clockMoved = true;
                all(pool, sampling.stream().map(i -> (Callable<Void>) () -> {
                    runs.get(i).sample();
                    return null;
                }).toList());
            }
            List<MigrationVerdict> judged = new ArrayList<>();
            Collections.addAll(judged, verdicts);
            judged.removeIf(Objects::isNull);
            Map<String, Integer> onHost = instancesOnSourceHosts(shared, judged, unseen);
            Instant at = latest(asked, judged);
            return Triage.of(at, since, host, judged, onHost, unseen);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The triage again with one new reading of every running migration (one call each) and the
     * verdicts judged again on all samples this connection has: what the Overview's live
     * refresh does. Ended migrations keep their verdict until the next full triage. A migration
     * whose reading failed keeps its verdict too, and the call with its error is in
     * {@link Triage#unseen()} (a refresh that read nothing is never shown as a fresh picture).
     */
    public Triage refresh(Triage previous) throws InterruptedException {
        List<MigrationVerdict> running = previous.running();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, daemons());
        try {
            Map<Long, MigrationVerdict> updated = new ConcurrentHashMap<>();
            // what the previous refresh could not read is asked again now: only this refresh's failures stay
            List<String> unseen = new ArrayList<>(previous.unseen());
            running.forEach(v -> unseen.removeIf(u -> u.startsWith(readCall(v) + ":")));
            List<String> unread = Collections.synchronizedList(new ArrayList<>());
            all(pool, running.stream().map(v -> (Callable<Void>) () -> {
                try {
                    updated.put(v.migration().id(), reread(v));
                } catch (CloudException e) {
                    unread.add(readCall(v) + ": " + e.getMessage());
                }
                return null;
            }).toList());
            unseen.addAll(unread);
            List<MigrationVerdict> all = new ArrayList<>();
            for (MigrationVerdict v : previous.migrations()) {
                all.add(updated.getOrDefault(v.migration().id(), v));
            }
            Map<String, Integer> onHost = new LinkedHashMap<>();
            previous.drains().forEach(d -> {
                if (d.instancesOnHost() != null) {
                    onHost.put(d.host(), d.instancesOnHost());
                }
            });
            return Triage.of(latest(Instant.now(), all), previous.since(), previous.host(), all, onHost, unseen);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How {@link Triage#unseen()} names a running migration whose reading failed (the error then names the call). */
    private static String readCall(MigrationVerdict v) {
        return "migration " + v.migration().id() + " (" + (v.serverName() == null ? v.serverId() : v.serverName()) + ")";
    }

    /** One reading of a running migration, judged again on the evidence of the last triage plus every sample. */
    private MigrationVerdict reread(MigrationVerdict v) {
        Migration now = connection.sampler().read(v.serverId(), v.migration().id());
        DiagnosisRun run = connection.diagnosis().rejudge(v.evidence(), now);
        return Verdicts.judge(run.evidence(), run.diagnosis());
    }

    private List<Migration> liveMigrations(Duration since, String host, Instant now) {
        Instant from = now.minus(since);
        MigrationQuery query = new MigrationQuery(null, host, null, "live-migration", from, null, null);
        List<Migration> found;
        try {
            found = connection.migrations(query);
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_AVAILABLE) {
                throw e;
            }
            // below 2.59 there is no changes-since: the whole list, filtered here
            found = connection.migrations(new MigrationQuery(null, host, null, null, null, null, null));
        }
        // a migration running for longer than the period may not have been updated within it
        Set<Long> seen = new LinkedHashSet<>();
        List<Migration> out = new ArrayList<>();
        for (Migration m : found) {
            if (m.isLive() && (host == null || host.equals(m.sourceCompute())) && Triage.inPeriod(m, now, since)
                    && seen.add(m.id())) {
                out.add(m);
            }
        }
        return out;
    }

    private static Map<String, Integer> instancesOnSourceHosts(NovaGateway gateway, List<MigrationVerdict> verdicts,
            List<String> unseen) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!gateway.cloudInfo().admin()) {
            return counts; // listing by host needs admin; the drains then say "not known"
        }
        verdicts.stream().map(v -> v.migration().sourceCompute()).filter(Objects::nonNull).distinct().forEach(h -> {
            try {
                counts.put(h, gateway.listServers(h).size());
            } catch (CloudException e) {
                unseen.add("GET /servers/detail?host=" + h + ": " + e.getMessage());
            }
        });
        return counts;
    }

    private static Instant latest(Instant asked, List<MigrationVerdict> verdicts) {
        Instant at = asked;
        for (MigrationVerdict v : verdicts) {
            Instant u = v.migration().updatedAt();
            if (u != null && u.isAfter(at)) {
                at = u;
            }
        }
        return at;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = pool.invokeAll(tasks);
        List<T> out = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "triage-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
