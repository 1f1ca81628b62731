package dev.migrationworkbench.offline;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.offline.MigrationLines.Kind;
import dev.migrationworkbench.offline.MigrationLog.Episode;
import dev.migrationworkbench.offline.MigrationLog.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a set of sosreports and logs tells: the hosts (their facts, what each sosreport lacks), the
 * live migrations found in the Nova logs, and for one server the same {@link Evidence} the online
 * path collects — plus, after the diagnosis, the file and line each evidence item rests on
 * ({@link #cite}).
 */
public final class OfflineCase {

    /** One input as read: its name, how many log files and lines it held. */
    public record Input(String origin, int logFiles, long logLines) {
    }

    /** A host of the case: Nova's name for it, the input it came from, its facts. */
    public record Host(String name, String origin, HostFacts.Reading facts) {
    }

    /** A live migration found in the logs. {@code id} numbers them in the case, oldest first. */
    public record FoundMigration(Migration migration, String serverName, Episode episode, Map<String, SourceRef> sources,
            List<Event> failureLines) {

        public long id() {
            return migration.id();
        }

        public String instanceUuid() {
            return migration.serverId();
        }
    }

    /** The cloud name of offline evidence. */
    public static final String OFFLINE = "offline";

    private final List<Input> inputs;
    private final List<Host> hosts;
    private final List<FoundMigration> migrations;
    private final Instant readAt;

    private OfflineCase(List<Input> inputs, List<Host> hosts, List<FoundMigration> migrations, Instant readAt) {
        this.inputs = List.copyOf(inputs);
        this.hosts = List.copyOf(hosts);
        this.migrations = List.copyOf(migrations);
        this.readAt = readAt;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<Host> hosts() {
        return hosts;
    }

    public List<FoundMigration> migrations() {
        return migrations;
    }

    static OfflineCase assemble(MigrationLog log, Map<String, HostFacts> facts, List<Input> inputs, Instant readAt) {
        // Nova's name of each host: nova.conf [DEFAULT] host, the option dump's "host", the kernel's
        Map<String, String> hostOfOrigin = new LinkedHashMap<>();
        List<Host> hosts = new ArrayList<>();
        Set<String> origins = new java.util.LinkedHashSet<>(facts.keySet());
        inputs.forEach(i -> origins.add(i.origin()));
        for (String origin : origins) {
            HostFacts f = facts.getOrDefault(origin, new HostFacts(origin));
            Optional<String> fromLog = Optional.ofNullable(log.options(origin).get("host"))
                    .map(e -> e.match().text().substring("host=".length()));
            Optional<String> configured = Optional.ofNullable(f.novaConfig().get("DEFAULT.host"));
            Optional<String> name = configured.or(() -> fromLog).or(f::kernelHostName);
            name.ifPresent(n -> hostOfOrigin.put(origin, n));
            if (f.isHost()) {
                HostFacts.Reading reading = f.read(name.orElse(origin), null);
                hosts.add(new Host(name.orElse(origin), origin, withLoggedOptions(reading, log.options(origin))));
            }
        }
        Map<String, String> serverNames = new TreeMap<>();
        for (Host h : hosts) {
            h.facts().sources().keySet().stream().filter(k -> k.startsWith("name:")).forEach(k -> {
                String[] parts = k.split(":", 3);
                serverNames.putIfAbsent(parts[1], parts[2]);
            });
        }
        List<FoundMigration> found = new ArrayList<>();
        long id = 1;
        for (Episode ep : log.episodes()) {
            found.add(build(id++, ep, hostOfOrigin, serverNames.get(ep.instanceUuid())));
        }
        return new OfflineCase(inputs, hosts, found, readAt);
    }

    /** nova.conf's [libvirt] live_migration_* options, else those the service logged at start. */
    private static HostFacts.Reading withLoggedOptions(HostFacts.Reading r, Map<String, Event> logged) {
        Map<String, String> config = new TreeMap<>(r.topology().novaConfig());
        Map<String, SourceRef> sources = new LinkedHashMap<>(r.sources());
        logged.forEach((key, e) -> {
            if (key.startsWith("libvirt.live_migration_") && config.keySet().stream().noneMatch(k -> k.endsWith(key))) {
                config.put(key, e.match().text().substring(key.length() + 1));
                sources.put("option:" + key, e.ref());
            }
        });
        HostTopology t = r.topology();
        HostTopology topology = new HostTopology(t.host(), t.collectedAt(), t.release(), t.novaComputeVersion(),
                t.cpuModel(), t.onlineCpus(), t.numaNodes(), t.nics(), config, t.instances(), t.memoryTotalMb(), t.cpuFlags());
        return new HostFacts.Reading(topology, sources, r.missing(), r.warnings());
    }

    private static FoundMigration build(long id, Episode ep, Map<String, String> hostOfOrigin, String serverName) {
        Map<String, SourceRef> sources = new LinkedHashMap<>();
        String source = null;
        String dest = null;
        String status = null;
        List<Event> failures = new ArrayList<>();
        for (Event e : ep.lines()) {
            String host = e.line().syslogHost() != null ? e.line().syslogHost() : hostOfOrigin.get(e.ref().origin());
            Kind k = e.match().kind();
            switch (k) {
                case PROGRESS, MONITOR_START, TIMEOUT, STUCK, DOWNTIME, DATA_REMAINING, POST_COPY, COMPLETED, ABORTED,
                        CANCELLED, FAILURE, PRE_LIVE_MIGRATION_DONE, PRE_LIVE_MIGRATION_FAILED, FINISHED,
                        LIVE_MIGRATION_FAILED -> {
                    if (source == null && host != null) {
                        source = host;
                        sources.put("source_compute", e.ref());
                    }
                }
                case POST_AT_DESTINATION -> {
                    if (dest == null && host != null) {
                        dest = host;
                        sources.put("dest_compute", e.ref());
                    }
                }
                default -> {
                    // conductor, scheduler, tracebacks: no host of their own
                }
            }
            if (e.match().text() != null && dest == null && (k == Kind.PRE_LIVE_MIGRATION_DONE
                    || k == Kind.PRE_LIVE_MIGRATION_FAILED || k == Kind.FINISHED || k == Kind.CONDUCTOR_UNEXPECTED)) {
                dest = e.match().text();
                sources.put("dest_compute", e.ref());
            }
            if (k == Kind.PRE_LIVE_MIGRATION_DONE) {
                sources.putIfAbsent("events[compute_pre_live_migration].finish_time", e.ref());
            }
            String end = switch (k) {
                case COMPLETED, FINISHED -> "completed";
                case CANCELLED -> "cancelled";
                case ABORTED, FAILURE, LIVE_MIGRATION_FAILED, PRE_LIVE_MIGRATION_FAILED, CONDUCTOR_FAILED,
                        CONDUCTOR_UNEXPECTED, FILTERED_ALL -> "error";
                case POST_COPY -> "running (post-copy)";
                default -> null;
            };
            if (end != null && (status == null || !"completed".equals(status) && !"cancelled".equals(status)
                    || "completed".equals(end))) {
                if (!"running (post-copy)".equals(end) || status == null) {
                    status = end;
                    sources.put("status", e.ref());
                }
            }
            if (k == Kind.FAILURE || k == Kind.PRE_LIVE_MIGRATION_FAILED || k == Kind.CONDUCTOR_FAILED
                    || k == Kind.CONDUCTOR_UNEXPECTED || k == Kind.FILTERED_ALL || k == Kind.EXCEPTION
                    || k == Kind.ABORTED || k == Kind.LIVE_MIGRATION_FAILED) {
                failures.add(e);
            }
        }
        if (source == null && !ep.samples().isEmpty()) {
            SourceRef ref = ep.samples().get(0).ref();
            source = hostOfOrigin.get(ref.origin());
            sources.put("source_compute", ref);
        }
        if (status == null) {
            status = ep.samples().isEmpty() ? "unknown" : "running";
            if (!ep.samples().isEmpty()) {
                sources.put("status", ep.samples().get(ep.samples().size() - 1).ref());
            }
        }
        ProgressSample last = ep.samples().isEmpty() ? null : ep.samples().get(ep.samples().size() - 1).sample();
        sources.put("created_at", ep.lines().isEmpty() ? ep.samples().get(0).ref()
                : earliest(ep.lines().get(0), ep.samples().isEmpty() ? null : ep.samples().get(0)));
        if (last != null) {
            sources.put("memory", ep.samples().get(ep.samples().size() - 1).ref());
        }
        // the last line about the migration, as Nova's updated_at is its last save
        Event lastLine = ep.lines().isEmpty() ? null : ep.lines().get(ep.lines().size() - 1);
        MigrationLog.Sample lastSample = ep.samples().isEmpty() ? null : ep.samples().get(ep.samples().size() - 1);
        sources.put("updated_at", lastLine != null && (lastSample == null || !lastLine.at().isBefore(lastSample.sample().at()))
                ? lastLine.ref() : lastSample.ref());
        if (ep.migrationUuid() != null) {
            sources.put("uuid", ep.migrationUuidRef);
        }
        Migration m = new Migration(id, ep.migrationUuid(), ep.instanceUuid(), status, "live-migration", source, source, dest, dest, dest,
                last == null ? null : last.memoryTotalBytes(), last == null ? null : last.memoryProcessedBytes(),
                last == null ? null : last.memoryRemainingBytes(), last == null ? null : last.diskTotalBytes(),
                last == null ? null : last.diskProcessedBytes(), last == null ? null : last.diskRemainingBytes(),
                null, null, ep.first(), ep.last());
        return new FoundMigration(m, serverName, ep, sources, failures);
    }

    private static SourceRef earliest(Event line, MigrationLog.Sample sample) {
        return sample == null || !sample.sample().at().isBefore(line.at()) ? line.ref() : sample.ref();
    }

    /** The migrations of one server (UUID or name), newest first. */
    public List<FoundMigration> migrationsOf(String server) {
        String wanted = server.trim().toLowerCase(Locale.ROOT);
        return migrations.stream()
                .filter(f -> f.instanceUuid().equalsIgnoreCase(wanted) || wanted.equalsIgnoreCase(f.serverName()))
                .sorted(Comparator.comparing((FoundMigration f) -> f.migration().createdAt()).reversed())
                .toList();
    }

    /**
     * The evidence of one server as the online path would have collected it: its migrations, the
     * focus migration's progress series and failure lines (as a live-migration instance action with
     * failed events), and the facts of the hosts involved. {@code migrationId} picks one migration
     * (its number in this case); null: the newest.
     */
    public Optional<Evidence> evidence(String server, String migrationId) {
        List<FoundMigration> mine = migrationsOf(server);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        FoundMigration focus = migrationId == null ? mine.get(0)
                : mine.stream().filter(f -> String.valueOf(f.id()).equals(migrationId.trim())).findFirst().orElse(null);
        if (focus == null) {
            return Optional.empty();
        }
        Migration m = focus.migration();
        String host = "completed".equals(m.status()) && m.destCompute() != null ? m.destCompute() : m.sourceCompute();
        // a server whose name no domain XML gave is shown by its UUID
        String name = focus.serverName() != null ? focus.serverName() : m.serverId();
        Server s = new Server(m.serverId(), name, null, null, null, null, host, null, null, null, null, null, null, null,
                null, null, null, null, null);
        Map<String, HostTopology> topologies = new LinkedHashMap<>();
        for (String h : new String[] {m.sourceCompute(), m.destCompute()}) {
            host(h).ifPresent(x -> topologies.put(h, x.facts().topology()));
        }
        List<ApiCall> calls = new ArrayList<>();
        for (Input input : inputs) {
            calls.add(new ApiCall("offline", "READ", input.origin(), null, null, 0,
                    input.logFiles() + " log file(s), " + input.logLines() + " lines", null, null));
        }
        List<ProgressSample> samples = focus.episode().samples().stream().map(MigrationLog.Sample::sample).toList();
        List<Migration> all = mine.stream().map(FoundMigration::migration).toList();
        return Optional.of(new Evidence(server, readAt, offlineCloud(inputs), s, List.of(s),
                m.inProgress() ? List.of(m) : List.of(), all, actions(mine), List.of(), List.of(), null, null,
                topologies, samples, List.of(), calls));
    }

    /** What stands in for the cloud: the files read ({@link #OFFLINE} as its name, the inputs as its address). */
    private static CloudInfo offlineCloud(List<Input> inputs) {
        return new CloudInfo(OFFLINE, String.join(", ", inputs.stream().map(Input::origin).toList()), null, null, null,
                null, true, false);
    }

    /** One live-migration instance action per migration, its failure lines as failed events. */
    private List<InstanceAction> actions(List<FoundMigration> mine) {
        List<InstanceAction> actions = new ArrayList<>();
        for (FoundMigration f : mine) {
            List<InstanceAction.Event> events = new ArrayList<>();
            // "Took N seconds for pre_live_migration on destination host D." is logged when the
            // destination's pre_live_migration returned: the event Nova records ends there, and
            // the libvirt driver's monitor clock starts right after
            for (Event e : f.episode().lines()) {
                if (e.match().kind() == Kind.PRE_LIVE_MIGRATION_DONE) {
                    events.add(new InstanceAction.Event("compute_pre_live_migration", null, e.at(), "Success", null,
                            f.migration().destCompute(), null, null));
                    break;
                }
            }
            for (Event e : f.failureLines()) {
                String name = switch (e.match().kind()) {
                    case CONDUCTOR_FAILED, CONDUCTOR_UNEXPECTED, FILTERED_ALL -> "conductor_live_migrate_instance";
                    case PRE_LIVE_MIGRATION_FAILED -> "compute_pre_live_migration";
                    default -> "compute_live_migration";
                };
                String text = e.match().text() != null ? e.match().text() : e.line().message();
                if (e.match().kind() == Kind.FILTERED_ALL) {
                    text = "No valid host was found. " + e.line().message();
                }
                String host = e.line().syslogHost() != null ? e.line().syslogHost() : hostNameOf(e.ref().origin());
                events.add(new InstanceAction.Event(name, e.at(), e.at(), "Error",
                        e.match().kind() == Kind.EXCEPTION ? text : null, host, null,
                        e.match().kind() == Kind.EXCEPTION ? null : text));
            }
            String message = events.stream().anyMatch(InstanceAction.Event::failed) ? "Error" : null;
            actions.add(new InstanceAction("live-migration", f.episode().requestId(), f.instanceUuid(), message, null,
                    null, f.migration().createdAt(), f.migration().updatedAt(), events));
        }
        return actions;
    }

    private String hostNameOf(String origin) {
        return hosts.stream().filter(h -> h.origin().equals(origin)).map(Host::name).findFirst().orElse(null);
    }

    public Optional<Host> host(String name) {
        return name == null ? Optional.empty() : hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The migration of this case the evidence focuses on (by its number). */
    public Optional<FoundMigration> migration(long id) {
        return migrations.stream().filter(f -> f.id() == id).findFirst();
    }

    /**
     * The diagnosis with every evidence item pointing at the file and line it rests on (the API
     * names of the online path replaced by the sosreport file), the log lines behind each finding
     * about the migration added verbatim, and what the sosreports of the hosts involved lack as notes.
     */
    public Diagnosis cite(Diagnosis diagnosis, Evidence evidence) {
        Migration m = diagnosis.migration();
        FoundMigration focus = m == null ? null : migration(m.id()).orElse(null);
        List<Finding> findings = new ArrayList<>();
        for (Finding f : diagnosis.findings()) {
            List<EvidenceItem> items = new ArrayList<>();
            for (EvidenceItem item : f.evidence()) {
                items.add(cite(item, focus, m));
            }
            if (focus != null && f.subject() != null && f.subject().kind() == Subject.Kind.MIGRATION) {
                items.addAll(logLines(focus));
            }
            findings.add(new Finding(f.code(), f.severity(), f.confidence(), f.subject(), f.title(), f.explanation(),
                    items, f.remediation(), f.explainedBy()));
        }
        List<Note> notes = new ArrayList<>(diagnosis.notes());
        if (m != null) {
            for (String name : new String[] {m.sourceCompute(), m.destCompute()}) {
                if (name == null) {
                    continue;
                }
                Optional<Host> h = host(name);
                if (h.isEmpty()) {
                    notes.add(new Note(null, TextRef.key("offline.note.noSosreport", name)));
                } else {
                    h.get().facts().missing().forEach(x -> notes.add(new Note(null,
                            TextRef.key("offline.note.missing", h.get().origin(), x))));
                }
            }
            if (m.destCompute() == null) {
                notes.add(new Note(null, TextRef.key("offline.note.noDestination", String.valueOf(m.id()))));
            }
        }
        return new Diagnosis(diagnosis.server(), diagnosis.migration(), findings, notes, diagnosis.convergence(),
                diagnosis.numaDiff(), diagnosis.failedEssentialCalls());
    }

    private EvidenceItem cite(EvidenceItem item, FoundMigration focus, Migration m) {
        String source = item.source() == null ? "" : item.source();
        if (focus != null && (source.startsWith("GET /servers/") && source.contains("/migrations")
                || source.startsWith("GET /os-migrations"))) {
            String key = switch (item.field()) {
                case "memory_remaining_bytes", "memory_total_bytes", "memory_processed_bytes" -> "memory";
                default -> item.field();
            };
            SourceRef ref = focus.sources().get(key);
            if (ref != null) {
                return new EvidenceItem(item.kind(), ref.toString(), item.field(), item.value(), item.at());
            }
            return new EvidenceItem(item.kind(), "offline: not stated in the logs", item.field(), item.value(), item.at());
        }
        if (focus != null && source.contains("/os-instance-actions/") && focus.sources().containsKey(item.field())) {
            return new EvidenceItem(item.kind(), focus.sources().get(item.field()).toString(), item.field(), item.value(),
                    item.at());
        }
        if (focus != null && source.contains("/os-instance-actions/")) {
            for (Event e : focus.failureLines()) {
                String text = e.match().text() != null ? e.match().text() : e.line().message();
                if (item.value() != null && (item.value().contains(text) || text.contains(item.value())
                        || item.value().contains(e.line().message()))) {
                    return new EvidenceItem(item.kind(), e.ref().toString(), item.field(), item.value(), item.at());
                }
            }
        }
        if (item.kind() == EvidenceItem.Kind.HOST_PROBE && source.startsWith("probe agent ")) {
            return new EvidenceItem(item.kind(), hostSource(source.substring("probe agent ".length()), item.field()),
                    item.field(), item.value(), item.at());
        }
        return item;
    }

    /** "sosreport-a.tar.xz › sys/class/net/ens3/device/numa_node ↔ sosreport-b.tar.xz › …" for a NIC field. */
    private String hostSource(String hosts, String field) {
        String[] names = hosts.split(" ↔ ");
        List<String> refs = new ArrayList<>();
        String nic = field == null ? null : field.split(" ")[0];
        for (String name : names) {
            Optional<Host> h = host(name.trim());
            if (h.isEmpty()) {
                refs.add(name.trim() + " (no sosreport)");
                continue;
            }
            Map<String, SourceRef> facts = h.get().facts().sources();
            SourceRef ref = nic == null ? null : facts.get("nic:" + nic);
            if (ref == null && field != null && field.contains("live_migration_")) {
                ref = facts.entrySet().stream().filter(e -> e.getKey().startsWith("option:libvirt.live_migration_"))
                        .map(Map.Entry::getValue).findFirst().orElse(facts.get("novaconf"));
            }
            if (ref == null && field != null && field.startsWith("numa node ")) {
                ref = h.get().facts().sources().get("node:" + field.substring("numa node ".length()).trim());
            }
            refs.add(ref != null ? ref.toString() : h.get().origin());
        }
        return String.join(" ↔ ", refs);
    }

    /** The log lines behind a migration finding: the first and last progress line, every other notable line. */
    private static List<EvidenceItem> logLines(FoundMigration f) {
        List<EvidenceItem> items = new ArrayList<>();
        List<MigrationLog.Sample> samples = f.episode().samples();
        if (!samples.isEmpty()) {
            MigrationLog.Sample first = samples.get(0);
            items.add(logItem(first.ref(), first.raw(), first.sample().at()));
        }
        for (Event e : f.episode().lines()) {
            if (e.match().kind() != Kind.PROGRESS && e.raw() != null) {
                items.add(logItem(e.ref(), e.raw(), e.at()));
            }
        }
        if (samples.size() > 1) {
            MigrationLog.Sample last = samples.get(samples.size() - 1);
            items.add(logItem(last.ref(), last.raw(), last.sample().at()));
        }
        items.sort(Comparator.comparing(EvidenceItem::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return items.size() > 40 ? items.subList(items.size() - 40, items.size()) : items;
    }

    private static EvidenceItem logItem(SourceRef ref, String raw, Instant at) {
        return new EvidenceItem(EvidenceItem.Kind.LOG_LINE, ref.toString(), "log line", raw, at);
    }

    /** Elapsed seconds of a migration (first to last line). */
    public static long seconds(Migration m) {
        return m.createdAt() == null || m.updatedAt() == null ? 0 : Duration.between(m.createdAt(), m.updatedAt()).toSeconds();
    }
}
