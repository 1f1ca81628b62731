package dev.migrationworkbench.diagnosis;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalyzer;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.diagnosis.numa.InstanceNeeds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The evidence as the rules read it: which migration is in focus (the one asked for, else the one
 * in progress, else the newest live migration), its hosts, its instance action and the error texts
 * Nova recorded for it. Computed once per diagnosis and shared by every rule.
 */
public final class DiagnosisContext {

    /** Nova's instance-action name for a live migration. */
    public static final String LIVE_MIGRATION_ACTION = "live-migration";
    private static final Duration ACTION_SLACK = Duration.ofSeconds(60);
    /**
     * The evidence calls without which no verdict can be reached, by the gateway's name, with the
     * path each one requests (in the order they are told apart).
     */
    private static final Map<String, Pattern> CALL_URLS = essentialCalls();

    private final Evidence evidence;
    private final Migration focusMigration;
    private final InstanceAction migrationAction;
    private final List<FailureText> failureTexts;
    private List<Finding> earlierFindings = List.of();
    private ConvergenceAnalysis convergence;
    private boolean convergenceDone;
    private NumaDiff numaDiff;
    private boolean numaDiffDone;

    public DiagnosisContext(Evidence evidence, String requestedMigrationId) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.focusMigration = pickMigration(evidence, requestedMigrationId);
        this.migrationAction = pickAction(evidence, focusMigration);
        this.failureTexts = collectFailureTexts();
    }

    public DiagnosisContext(Evidence evidence) {
        this(evidence, null);
    }

    public Evidence evidence() {
        return evidence;
    }

    public Optional<Server> server() {
        return Optional.ofNullable(evidence.server());
    }

    /** The server's ID, else the ID its migrations name, else what the user typed. */
    public String serverId() {
        if (evidence.server() != null) {
            return evidence.server().id();
        }
        return migration().map(Migration::serverId).filter(Objects::nonNull).orElse(evidence.serverQuery());
    }

    public Subject serverSubject() {
        return Subject.server(serverId(), server().map(Server::name).orElse(evidence.serverQuery()));
    }

    public Optional<Migration> migration() {
        return Optional.ofNullable(focusMigration);
    }

    /** The migration's ID as the {@code openstack server migration} commands take it. */
    public String migrationId() {
        return migration().map(m -> String.valueOf(m.id())).orElse("<migration-id>");
    }

    public Subject migrationSubject() {
        return migration().map(m -> Subject.migration(String.valueOf(m.id()))).orElse(serverSubject());
    }

    /** The live-migration instance action that belongs to the focus migration. */
    public Optional<InstanceAction> migrationAction() {
        return Optional.ofNullable(migrationAction);
    }

    public Optional<String> sourceHost() {
        return migration().map(Migration::sourceCompute).filter(Objects::nonNull)
                .or(() -> server().map(Server::host));
    }

    /** The destination: the migration's, else (for a failed one) the host of its failed event. */
    public Optional<String> destHost() {
        Optional<String> fromMigration = migration().map(m -> m.destCompute() != null ? m.destCompute() : m.destHost())
                .filter(h -> h != null && !h.isBlank());
        if (fromMigration.isPresent()) {
            return fromMigration;
        }
        return migrationAction().stream().flatMap(a -> a.events().stream())
                .filter(e -> e.event() != null && e.event().contains("destination") && e.host() != null)
                .map(InstanceAction.Event::host).findFirst();
    }

    /** Source and destination that are known, in that order. */
    /**
     * The hosts whose probe agents a diagnosis wants: the server's host and the focus migration's
     * source and destination.
     */
    public static Set<String> hostsToProbe(Evidence evidence, String migrationId) {
        Set<String> hosts = new LinkedHashSet<>();
        if (evidence.server() != null && evidence.server().host() != null) {
            hosts.add(evidence.server().host());
        }
        hosts.addAll(new DiagnosisContext(evidence, migrationId).involvedHosts());
        return hosts;
    }

    public List<String> involvedHosts() {
        return Stream.of(sourceHost(), destHost()).flatMap(Optional::stream).distinct().toList();
    }

    public Optional<ComputeService> computeService(String host) {
        return evidence.computeService(host);
    }

    public Optional<HostTopology> topology(String host) {
        return evidence.topology(host);
    }

    /** The focus migration ended in error/failed, or its action has a failed event. */
    public boolean migrationFailed() {
        return migration().map(Migration::isFailed).orElse(false)
                || migrationAction().map(a -> a.events().stream().anyMatch(InstanceAction.Event::failed)).orElse(false);
    }

    public boolean migrationInProgress() {
        return migration().map(Migration::inProgress).orElse(false);
    }

    /** The error texts Nova recorded about the focus migration: failed events' details and tracebacks, the fault. */
    public List<FailureText> failureTexts() {
        return failureTexts;
    }

    /** Calls of the collection that failed (403, 404, unsupported microversion, ...). */
    public List<ApiCall> failedCalls() {
        return evidence.failedCalls();
    }

    /**
     * The failed call of this gateway name (e.g. {@code "servers.show"}), if it failed; a call
     * recorded under another name is recognised by its method and URL.
     */
    public Optional<ApiCall> failedCall(String name) {
        return evidence.failedCalls().stream().filter(c -> name.equals(callName(c))).findFirst();
    }

    /** The gateway's name of a call, from its name or else from its method and URL. */
    static String callName(ApiCall call) {
        if (call.name() != null && CALL_URLS.containsKey(call.name())) {
            return call.name();
        }
        String url = call.url() == null ? "" : call.url();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return CALL_URLS.entrySet().stream()
                .filter(e -> "GET".equals(call.method()) && e.getValue().matcher(path).find()
                        && (!"servers.search".equals(e.getKey()) || url.contains("name=")))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(call.name());
    }

    /**
     * Why the server is not in the evidence when that is not because Nova said it does not exist:
     * the show by ID failed other than with 404, or the name search failed at all (a search that
     * finds nothing answers 200 with an empty list). Empty when the server was found or is known
     * to be absent.
     */
    public Optional<ApiCall> serverLookupFailure() {
        if (evidence.server() != null) {
            return Optional.empty();
        }
        return failedCall("servers.search")
                .or(() -> failedCall("servers.show").filter(c -> c.httpStatus() == null || c.httpStatus() != 404));
    }

    /**
     * The failed calls the verdict depends on: the server, its migrations, its actions and their
     * events, the compute services, and for a failed migration the server groups and hypervisors its
     * causes are read from. When one of them failed, "no problem found" cannot be said, nor that
     * the migration failed for none of the known causes.
     */
    public List<ApiCall> failedEssentialCalls() {
        boolean failed = migrationFailed();
        return evidence.failedCalls().stream()
                .filter(c -> CALL_URLS.containsKey(callName(c)) || failed && isCauseLookup(c))
                .filter(c -> !("servers.show".equals(callName(c)) && c.httpStatus() != null && c.httpStatus() == 404))
                .toList();
    }

    /**
     * The cloud-wide lookups the causes of a failed migration are read from besides its own
     * records: server groups (a policy violation) and hypervisors (resources).
     */
    private static boolean isCauseLookup(ApiCall call) {
        String url = call.url() == null ? "" : call.url();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return "GET".equals(call.method()) && (path.contains("/os-server-groups") || path.contains("/os-hypervisors"));
    }

    /** The cloud's maximum compute microversion is known and below {@code version} (e.g. "2.84"). */
    public boolean microversionBelow(String version) {
        String max = evidence.cloud() == null ? null : evidence.cloud().novaMaxVersion();
        return max != null && Microversion.compare(max, version) < 0;
    }

    /**
     * The convergence analysis of the focus migration while it runs (progress samples of the
     * evidence, else its one current reading), with the source host's nova.conf when an agent
     * reported it; empty when no live migration is in progress.
     */
    public Optional<ConvergenceAnalysis> convergence() {
        if (!convergenceDone) {
            convergenceDone = true;
            convergence = migration().filter(m -> m.inProgress() || endedWithProgress(m)).map(this::analyze).orElse(null);
        }
        return Optional.ofNullable(convergence);
    }

    /**
     * A live migration that was cancelled or failed while progress samples of it were taken (watched
     * online, or read from the libvirt driver's log lines offline): its convergence is judged as it
     * stood at the last sample, a post-mortem of why it did not finish.
     */
    public boolean endedWithProgress(Migration m) {
        return ("cancelled".equals(m.status()) || m.isFailed()) && evidence.samples().size() >= 2;
    }

    private ConvergenceAnalysis analyze(Migration m) {
        List<ProgressSample> samples = evidence.samples().isEmpty() && m.hasProgress() ? List.of(m.toSample())
                : evidence.samples();
        long ram = guestRamBytes();
        long disk = blockDiskBytes();
        LiveMigrationSettings settings = liveMigrationSettings();
        // the cloud's clock: the newest progress save, not this machine's
        Instant now = samples.stream().map(ProgressSample::at).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(now());
        // an ended migration is judged as it was while the samples were taken: running
        String status = m.inProgress() ? m.status() : "running";
        return new ConvergenceAnalyzer().analyze(samples,
                new ConvergenceAnalyzer.MigrationFacts(status,
                        monitorStart().map(MonitorStart::at).orElse(m.createdAt()), ram, disk, settings, now));
    }

    /**
     * When Nova's live-migration monitor started its clock ({@code nova/virt/libvirt/driver.py
     * _live_migration_monitor}: {@code start = time.time()} after {@code _do_live_migration} has run
     * {@code pre_live_migration} on the destination and set the migration {@code running}): the
     * finish of the {@code compute_pre_live_migration} event, else the migration's
     * {@code created_at} (earlier by the scheduling and pre-live-migration time: elapsed figures are
     * then upper bounds; {@code fromEvent} false).
     */
    public Optional<MonitorStart> monitorStart() {
        Optional<Instant> fromEvent = migrationAction().stream().flatMap(a -> a.events().stream())
                .filter(e -> "compute_pre_live_migration".equals(e.event()) && !e.failed() && e.finishTime() != null)
                .map(InstanceAction.Event::finishTime).findFirst();
        if (fromEvent.isPresent()) {
            return Optional.of(new MonitorStart(fromEvent.get(), true));
        }
        return migration().map(Migration::createdAt).map(at -> new MonitorStart(at, false));
    }

    /** The instant Nova's monitor clock started, and whether an event says so (else it is created_at). */
    public record MonitorStart(Instant at, boolean fromEvent) {
    }

    /**
     * The live-migration settings that drove the focus migration: the source host's nova.conf as its
     * agent reported it, else Nova's defaults ({@code fromHost} false).
     */
    public LiveMigrationSettings liveMigrationSettings() {
        return sourceHost().flatMap(this::topology).map(t -> LiveMigrationSettings.from(t.novaConfig()))
                .orElse(LiveMigrationSettings.defaults());
    }

    /** Guest RAM in bytes (the flavor's, else the migration's memory_total); 0 when unknown. */
    public long guestRamBytes() {
        if (evidence.flavor() != null) {
            return evidence.flavor().ramMb() * 1024L * 1024L;
        }
        return migration().map(Migration::memoryTotalBytes).filter(Objects::nonNull).orElse(0L);
    }

    /** Bytes of block-migrated disks seen in the progress (libvirt's disk_total); 0 when none seen. */
    public long blockDiskBytes() {
        Stream<Long> fromSamples = evidence.samples().stream().map(ProgressSample::diskTotalBytes);
        Stream<Long> fromMigrations = Stream.concat(evidence.liveMigrations().stream(), migration().stream())
                .filter(m -> migration().map(f -> f.id() == m.id()).orElse(false)).map(Migration::diskTotalBytes);
        return Stream.concat(fromSamples, fromMigrations).filter(Objects::nonNull).max(Long::compare).orElse(0L);
    }

    /**
     * The instance actions named {@code action} (e.g. {@code live_migration_cancel}) that started
     * while the focus migration was unfinished: after its creation, no later than its last update.
     */
    public List<InstanceAction> actionsDuringMigration(String action) {
        Migration m = migration().orElse(null);
        if (m == null || m.createdAt() == null) {
            return List.of();
        }
        Instant end = m.updatedAt() == null ? now() : m.updatedAt().plus(ACTION_SLACK);
        return evidence.actions().stream()
                .filter(a -> action.equals(a.action()) && a.startTime() != null)
                .filter(a -> !a.startTime().isBefore(m.createdAt()) && !a.startTime().isAfter(end))
                .toList();
    }

    /** What the instance needs from a host (from its flavor). */
    public InstanceNeeds needs() {
        return InstanceNeeds.of(evidence);
    }

    /**
     * Source and destination of the focus migration side by side, when probe agents reported both
     * hosts; empty otherwise.
     */
    public Optional<NumaDiff> numaDiff() {
        if (!numaDiffDone) {
            numaDiffDone = true;
            Optional<HostTopology> source = migration().map(Migration::sourceCompute).flatMap(this::topology);
            Optional<HostTopology> dest = destHost().flatMap(this::topology);
            if (source.isPresent() && dest.isPresent() && !source.get().host().equals(dest.get().host())) {
                numaDiff = new NumaDiffer().diff(source.get(), dest.get(), needs());
            }
        }
        return Optional.ofNullable(numaDiff);
    }

    /** Findings of the phases before the running rule's phase. */
    public List<Finding> earlierFindings() {
        return earlierFindings;
    }

    public boolean found(FindingCode code) {
        return earlierFindings.stream().anyMatch(f -> f.code() == code);
    }

    void setEarlierFindings(List<Finding> findings) {
        this.earlierFindings = List.copyOf(findings);
    }

    public Instant now() {
        return evidence.collectedAt() != null ? evidence.collectedAt() : Instant.EPOCH;
    }

    private static Migration pickMigration(Evidence evidence, String requested) {
        List<Migration> all = new ArrayList<>(evidence.liveMigrations());
        evidence.migrations().stream().filter(m -> all.stream().noneMatch(l -> l.id() == m.id())).forEach(all::add);
        if (requested != null && !requested.isBlank()) {
            String wanted = requested.trim();
            return all.stream()
                    .filter(m -> wanted.equals(String.valueOf(m.id())) || wanted.equalsIgnoreCase(m.uuid()))
                    .findFirst().orElse(null);
        }
        Comparator<Migration> newestFirst = Comparator.comparing(Migration::createdAt,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparingLong(Migration::id).reversed();
        return all.stream().filter(Migration::isLive).filter(Migration::inProgress).min(newestFirst)
                .orElseGet(() -> all.stream().filter(Migration::isLive).min(newestFirst).orElse(null));
    }

    private static InstanceAction pickAction(Evidence evidence, Migration migration) {
        List<InstanceAction> live = evidence.actions().stream()
                .filter(a -> LIVE_MIGRATION_ACTION.equals(a.action()) || "live_migration".equals(a.action()))
                .toList();
        if (migration == null || migration.createdAt() == null) {
            return live.stream().filter(a -> a.startTime() != null)
                    .max(Comparator.comparing(InstanceAction::startTime))
                    .orElse(live.isEmpty() ? null : live.get(0));
        }
        Instant created = migration.createdAt();
        return live.stream()
                .filter(a -> a.startTime() != null && !a.startTime().isAfter(created.plus(ACTION_SLACK)))
                .min(Comparator.comparing(a -> Duration.between(a.startTime(), created).abs()))
                .orElse(null);
    }

    private List<FailureText> collectFailureTexts() {
        List<FailureText> texts = new ArrayList<>();
        if (migrationAction != null) {
            String source = "GET /servers/" + serverId() + "/os-instance-actions/" + migrationAction.requestId();
            for (InstanceAction.Event event : migrationAction.events()) {
                if (!event.failed()) {
                    continue;
                }
                Instant at = event.finishTime() != null ? event.finishTime() : event.startTime();
                if (event.details() != null && !event.details().isBlank()) {
                    texts.add(new FailureText(new EvidenceItem(EvidenceItem.Kind.MESSAGE, source,
                            "events[" + event.event() + "].details", event.details(), at), event.details()));
                }
                if (event.traceback() != null && !event.traceback().isBlank()) {
                    texts.add(new FailureText(new EvidenceItem(EvidenceItem.Kind.EVENT, source,
                            "events[" + event.event() + "].traceback", lastLines(event.traceback()), at), event.traceback()));
                }
            }
            if (migrationAction.message() != null && !"Error".equalsIgnoreCase(migrationAction.message().trim())) {
                texts.add(new FailureText(new EvidenceItem(EvidenceItem.Kind.MESSAGE, source, "message",
                        migrationAction.message(), migrationAction.updatedAt()), migrationAction.message()));
            }
        }
        Server server = evidence.server();
        if (server != null && server.fault() != null && faultBelongsToMigration(server.fault())) {
            String source = "GET /servers/" + server.id();
            Server.Fault fault = server.fault();
            if (fault.message() != null) {
                texts.add(new FailureText(new EvidenceItem(EvidenceItem.Kind.MESSAGE, source, "fault.message",
                        fault.message(), fault.created()), fault.message()));
            }
            if (fault.details() != null && !fault.details().isBlank()) {
                texts.add(new FailureText(new EvidenceItem(EvidenceItem.Kind.MESSAGE, source, "fault.details",
                        lastLines(fault.details()), fault.created()), fault.details()));
            }
        }
        return List.copyOf(texts);
    }

    /** A fault written after the focus migration started is about it; an older one is not. */
    private boolean faultBelongsToMigration(Server.Fault fault) {
        if (focusMigration == null || focusMigration.createdAt() == null || fault.created() == null) {
            return focusMigration != null;
        }
        return !fault.created().isBefore(focusMigration.createdAt().minus(ACTION_SLACK));
    }

    private static Map<String, Pattern> essentialCalls() {
        Map<String, Pattern> calls = new java.util.LinkedHashMap<>();
        calls.put("servers.search", Pattern.compile("/servers/detail$"));
        calls.put("server-migrations.list", Pattern.compile("/servers/[^/]+/migrations$"));
        calls.put("instance-actions.show", Pattern.compile("/servers/[^/]+/os-instance-actions/[^/]+$"));
        calls.put("instance-actions.list", Pattern.compile("/servers/[^/]+/os-instance-actions$"));
        calls.put("servers.show", Pattern.compile("/servers/(?!detail$)[^/]+$"));
        calls.put("os-migrations.list", Pattern.compile("/os-migrations$"));
        calls.put("os-services.list", Pattern.compile("/os-services$"));
        return java.util.Collections.unmodifiableMap(calls);
    }

    /** The end of a traceback, where Python puts the exception and its message. */
    static String lastLines(String text) {
        String[] lines = text.strip().split("\\R");
        int from = Math.max(0, lines.length - 2);
        return String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length)).strip();
    }
}
