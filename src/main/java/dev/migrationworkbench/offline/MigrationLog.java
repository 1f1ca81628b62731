package dev.migrationworkbench.offline;

import dev.migrationworkbench.model.ProgressSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live migrations the Nova logs of a case tell about, put together from the lines of every
 * host (source, destination, controllers): which instance, from where to where, when, how it ended,
 * the progress series the libvirt driver logged, and each line with where it was read. Lines of
 * the same request (the request ID travels with the RPC context from nova-api through conductor
 * and scheduler to both computes) belong to one migration.
 *
 * <p>Memory stays bounded however long the logs are: only classified lines are kept, at most
 * {@value #MAX_SAMPLES} progress samples per migration (older ones thinned, the newest kept dense)
 * and {@value #MAX_LINES} other lines.
 */
public final class MigrationLog {

    static final int MAX_SAMPLES = 4096;
    static final int MAX_LINES = 400;
    /** Progress lines buffered over all instances before they are thinned. */
    static final int MAX_BUFFERED = 100_000;
    /** Other migration lines kept over all instances. */
    static final int MAX_EVENTS = 100_000;
    private static final int MAX_REQUESTS = 200_000;
    /** A gap without any line of a migration that ends it (the log rotated, the service restarted). */
    private static final Duration SAME_MIGRATION_GAP = Duration.ofHours(6);

    /** A classified line: what it said, when, for which instance and request, and where it was read. */
    public record Event(MigrationLines.Match match, LogLine line, SourceRef ref, String raw) {
        Instant at() {
            return line.at();
        }
    }

    /** A progress sample and the line it came from. */
    public record Sample(ProgressSample sample, SourceRef ref, String raw) {
    }

    /** One live migration as the logs show it. */
    public static final class Episode {
        final String instanceUuid;
        String requestId;
        String migrationUuid;
        SourceRef migrationUuidRef;
        final List<Event> lines = new ArrayList<>();
        final List<Sample> samples = new ArrayList<>();
        int droppedLines;
        Instant first;
        Instant last;

        Episode(String instanceUuid, String requestId) {
            this.instanceUuid = instanceUuid;
            this.requestId = requestId;
        }

        public String instanceUuid() {
            return instanceUuid;
        }

        public String requestId() {
            return requestId;
        }

        /** Nova's migration UUID, when the resource tracker logged it during the migration. */
        public String migrationUuid() {
            return migrationUuid;
        }

        public List<Event> lines() {
            return lines;
        }

        public List<Sample> samples() {
            return samples;
        }

        public Instant first() {
            return first;
        }

        public Instant last() {
            return last;
        }

        boolean ended() {
            return lines.stream().anyMatch(e -> switch (e.match().kind()) {
                case COMPLETED, ABORTED, CANCELLED, FINISHED, CONDUCTOR_FAILED, CONDUCTOR_UNEXPECTED -> true;
                default -> false;
            });
        }

        void add(Event e) {
            first = first == null || e.at().isBefore(first) ? e.at() : first;
            last = last == null || e.at().isAfter(last) ? e.at() : last;
            if (requestId == null) {
                requestId = e.line().requestId();
            }
            if (e.match().kind() == MigrationLines.Kind.PROGRESS) {
                long[] n = e.match().numbers();
                ProgressSample s = new ProgressSample(e.at(), "running", n[4], n[2], n[3],
                        n[8] < 0 ? null : n[8], n[6] < 0 ? null : n[6], n[7] < 0 ? null : n[7], null);
                samples.add(new Sample(s, e.ref(), e.raw()));
                if (samples.size() > MAX_SAMPLES) {
                    thin(samples);
                }
                // the first and the newest progress lines are also kept as evidence lines
                if (samples.size() == 1) {
                    addLine(e);
                }
                return;
            }
            addLine(e);
        }

        private void addLine(Event e) {
            if (lines.size() < MAX_LINES) {
                lines.add(e);
            } else {
                droppedLines++;
            }
        }

        /** Drops every other sample of the older three quarters. */
        private static void thin(List<Sample> samples) {
            int oldEnd = samples.size() * 3 / 4;
            List<Sample> kept = new ArrayList<>(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                if (i >= oldEnd || i % 2 == 0) {
                    kept.add(samples.get(i));
                }
            }
            samples.clear();
            samples.addAll(kept);
        }
    }

    private final List<Event> events = new ArrayList<>();
    /** request ID → instance UUID, from any line that names both */
    private final Map<String, String> instanceOfRequest = new HashMap<>();
    /** the option dump of each origin's Nova services (host, [libvirt] live_migration_*), newest wins */
    private final Map<String, Map<String, Event>> options = new LinkedHashMap<>();
    /** the progress events are folded into episodes as they come, the rest kept for assembly */
    private final Map<String, List<Event>> progressByInstance = new HashMap<>();
    private long linesRead;
    private long novaLines;
    private long buffered;
    private boolean thinned;
    private long droppedEvents;

    /** Reads one line of a Nova log (or journal) file. */
    public void accept(String raw, SourceRef ref, int yearHint) {
        linesRead++;
        LogLine line = LogLine.parse(raw, yearHint);
        if (line == null || line.at() == null) {
            return;
        }
        novaLines++;
        // the resource tracker logs every migration on the host under whichever request runs it
        if (line.instanceUuid() != null && line.requestId() != null && !line.logger().endsWith("resource_tracker")
                && instanceOfRequest.size() < MAX_REQUESTS) {
            instanceOfRequest.putIfAbsent(line.requestId(), line.instanceUuid());
        }
        MigrationLines.Match match = MigrationLines.classify(line.message());
        if (match == null) {
            return;
        }
        String kept = raw.length() > 2000 ? raw.substring(0, 2000) + "…" : raw;
        // the numbers are parsed already; the instance's UUID string is shared by all its lines
        if (match.kind() == MigrationLines.Kind.PROGRESS && line.instanceUuid() != null) {
            List<Event> seen = progressByInstance.get(line.instanceUuid());
            if (seen != null && !seen.isEmpty()) {
                line = new LogLine(line.at(), line.level(), line.logger(), line.requestId(), null,
                        seen.get(0).line().instanceUuid(), "", line.syslogHost(), null);
            }
        }
        Event event = new Event(match, line, ref, match.kind() == MigrationLines.Kind.PROGRESS ? null : kept);
        switch (match.kind()) {
            case OPTION -> options.computeIfAbsent(ref.origin(), k -> new LinkedHashMap<>())
                    .merge(match.text().substring(0, match.text().indexOf('=')), event,
                            (a, b) -> b.at().isBefore(a.at()) ? a : b);
            case PROGRESS -> {
                if (line.instanceUuid() != null) {
                    // the raw text of a progress line is kept only for the samples' evidence
                    progressByInstance.computeIfAbsent(line.instanceUuid(), k -> new ArrayList<>())
                            .add(new Event(match, slim(line), ref, kept));
                    buffered++;
                    compactProgress();
                }
            }
            default -> {
                if (events.size() < MAX_EVENTS) {
                    events.add(event);
                } else {
                    droppedEvents++;
                }
            }
        }
    }

    /**
     * Keeps the buffered progress lines bounded before assembly: over {@value #MAX_BUFFERED} in all,
     * every instance's older three quarters are thinned to every other line (the first and the
     * newest lines always stay).
     */
    private void compactProgress() {
        if (buffered <= MAX_BUFFERED) {
            return;
        }
        buffered = 0;
        for (Map.Entry<String, List<Event>> entry : progressByInstance.entrySet()) {
            List<Event> list = entry.getValue();
            if (list.size() > 64) {
                int oldEnd = list.size() * 3 / 4;
                List<Event> kept = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    if (i >= oldEnd || i % 2 == 0) {
                        kept.add(list.get(i));
                    }
                }
                entry.setValue(kept);
            }
            buffered += entry.getValue().size();
        }
        thinned = true;
    }

    /** Whether progress lines were thinned to stay in bounded memory. */
    public boolean thinned() {
        return thinned;
    }

    /** Lines about migrations not kept because there were more than {@value #MAX_EVENTS}. */
    public long droppedEvents() {
        return droppedEvents;
    }

    public long linesRead() {
        return linesRead;
    }

    public long novaLines() {
        return novaLines;
    }

    /** The option dump of one origin's logs: option name → value with its line. */
    public Map<String, Event> options(String origin) {
        return options.getOrDefault(origin, Map.of());
    }

    /** The live migrations, oldest first. */
    public List<Episode> episodes() {
        List<Event> all = new ArrayList<>();
        for (Event e : events) {
            String instance = e.line().instanceUuid();
            if (instance == null && e.match().kind() == MigrationLines.Kind.FILTERED_ALL) {
                instance = e.match().text();
            }
            if (instance == null && e.line().requestId() != null) {
                instance = instanceOfRequest.get(e.line().requestId());
            }
            if (instance == null && e.match().kind() == MigrationLines.Kind.CONDUCTOR_UNEXPECTED) {
                instance = e.line().message().replaceFirst("^Migration of instance (\\S+) .*$", "$1");
            }
            if (instance != null) {
                all.add(new Event(e.match(), withInstance(e.line(), instance), e.ref(), e.raw()));
            }
        }
        progressByInstance.values().forEach(all::addAll);
        all.sort(Comparator.comparing(Event::at).thenComparing(e -> e.ref().line()));
        Map<String, List<Episode>> byInstance = new LinkedHashMap<>();
        List<Episode> result = new ArrayList<>();
        List<Event> uuids = new ArrayList<>();
        for (Event e : all) {
            if (e.match().kind() == MigrationLines.Kind.EXCEPTION && !"ERROR".equals(e.line().level())) {
                continue;
            }
            String instance = e.line().instanceUuid();
            if (e.match().kind() == MigrationLines.Kind.MIGRATION_UUID) {
                uuids.add(e);
                continue;
            }
            List<Episode> list = byInstance.computeIfAbsent(instance, k -> new ArrayList<>());
            Episode current = list.isEmpty() ? null : list.get(list.size() - 1);
            if (current == null || startsNew(current, e)) {
                if (e.match().kind() == MigrationLines.Kind.EXCEPTION) {
                    continue; // a traceback outside any migration
                }
                current = new Episode(instance, e.line().requestId());
                list.add(current);
                result.add(current);
            }
            current.add(e);
        }
        result.removeIf(ep -> ep.samples.isEmpty() && ep.lines.stream()
                .allMatch(l -> l.match().kind() == MigrationLines.Kind.EXCEPTION));
        for (Event e : uuids) {
            byInstance.getOrDefault(e.line().instanceUuid(), List.of()).stream()
                    .filter(ep -> ep.migrationUuid == null && !e.at().isBefore(ep.first.minus(SAME_MIGRATION_GAP))
                            && !e.at().isAfter(ep.last.plusSeconds(60)))
                    .reduce((a, b) -> b.first.isAfter(e.at()) ? a : b)
                    .ifPresent(ep -> {
                        ep.migrationUuid = e.match().text();
                        ep.migrationUuidRef = e.ref();
                    });
        }
        result.sort(Comparator.comparing(Episode::first));
        return result;
    }

    /**
     * A line opens a new migration of the instance when the current one has ended and the line is
     * one a migration starts with, or after a long silence. Request IDs do not decide it: the
     * libvirt driver's monitor logs without a request context ({@code [-]}) and periodic tasks log
     * other requests' IDs about the same migration.
     */
    private static boolean startsNew(Episode current, Event e) {
        if (Duration.between(current.last, e.at()).compareTo(SAME_MIGRATION_GAP) > 0) {
            return true;
        }
        if (!current.ended()) {
            return false;
        }
        return switch (e.match().kind()) {
            case PRE_LIVE_MIGRATION_DONE, PRE_LIVE_MIGRATION_FAILED, MONITOR_START, PROGRESS, DOWNTIME, CONDUCTOR_FAILED,
                    CONDUCTOR_UNEXPECTED, FILTERED_ALL -> true;
            default -> false;
        };
    }

    private static boolean isEnd(Event e) {
        return switch (e.match().kind()) {
            case COMPLETED, ABORTED, CANCELLED -> true;
            default -> false;
        };
    }

    /** A progress line keeps what assembly needs: no message (the raw text is kept once). */
    private static LogLine slim(LogLine l) {
        return new LogLine(l.at(), l.level(), l.logger().intern(), l.requestId(), null, l.instanceUuid(), "", l.syslogHost(), null);
    }

    private static LogLine withInstance(LogLine l, String instance) {
        return l.instanceUuid() != null ? l : new LogLine(l.at(), l.level(), l.logger(), l.requestId(),
                l.globalRequestId(), instance, l.message(), l.syslogHost(), l.program());
    }
}
