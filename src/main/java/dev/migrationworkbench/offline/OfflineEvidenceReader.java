package dev.migrationworkbench.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline entry point: reads sosreports (archives or extracted folders), Nova log files and
 * journal exports, streaming, in bounded memory, and returns an {@link OfflineCase} — the live
 * migrations found, the hosts' facts, and per migration the same {@code model.Evidence} the online
 * path collects. Evidence bundles are opened by {@link EvidenceBundle}.
 *
 * <p>Which files are Nova logs (sos plugins openstack_nova, logs): {@code var/log/containers/nova/*.log*}
 * (RHOSP 16/17), {@code var/log/nova/*.log*} (packages, Ubuntu), {@code var/log/kolla/nova/*.log*},
 * the journal ({@code sos_commands/logs/journalctl_--no-pager*}, any other {@code journalctl} output
 * sos saved, {@code var/log/messages*}; RHOSO 18 computes log to journald) and sos's tailed copies
 * of large logs under {@code sos_strings/}; rotated ({@code .1}, {@code -20240502}) and compressed
 * ({@code .gz}, {@code .xz}) files are read too.
 */
public final class OfflineEvidenceReader {

    /** Progress of a read: the fraction of the input bytes read (0..1) and what is being read. */
    public interface Progress {
        void update(double fraction, String what);
    }

    private static final Pattern LOG = Pattern.compile("^(?:"
            + "var/log/containers/nova/[^/]+\\.log[^/]*|var/log/nova/[^/]+\\.log[^/]*|var/log/kolla/nova/[^/]+\\.log[^/]*"
            + "|sos_commands/[^/]+/journalctl_--no-pager[^/]*|var/log/messages[^/]*"
            + "|sos_strings/[^/]+/[^/]*(?:nova|messages|journal)[^/]*"
            + ")$");
    /** Lines longer than this are cut (a hostile or broken file may have no line ends at all). */
    static final int MAX_LINE_CHARS = 64 * 1024;
    private static final long PROGRESS_STEP = 4L * 1024 * 1024;

    /** Whether a file of a sosreport is one this reader reads as a Nova log. */
    public static boolean isLog(String path) {
        return path.isEmpty() || LOG.matcher(path).matches();
    }

    /** Reads the inputs; {@code progress} may be null. Interrupting the thread cancels the read. */
    public OfflineCase read(List<Path> inputs, Progress progress) throws OfflineException {
        if (inputs.isEmpty()) {
            throw new OfflineException("Nothing to read: give one or more sosreports, log files or folders.");
        }
        long total = 0;
        for (Path p : inputs) {
            total += size(p);
        }
        long totalBytes = Math.max(1, total);
        Progress report = progress == null ? (f, w) -> { } : progress;
        long[] read = {0, 0};
        String[] current = {""};
        ArchiveWalker walker = new ArchiveWalker(n -> {
            read[0] += n;
            if (read[0] - read[1] >= PROGRESS_STEP) {
                read[1] = read[0];
                report.update(Math.min(1.0, (double) read[0] / totalBytes), current[0]);
            }
        });
        Collector collector = new Collector(current);
        Instant started = Instant.now();
        for (Path input : inputs) {
            if (EvidenceBundle.looksLikeBundle(input)) {
                throw new OfflineException(input + " is an evidence bundle; open it on its own (it holds a whole "
                        + "diagnosis), not together with sosreports or logs.");
            }
            walker.walk(input, collector);
        }
        report.update(1.0, "");
        return OfflineCase.assemble(collector.log, collector.facts, collector.inputs(), started);
    }

    private static long size(Path p) throws OfflineException {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new OfflineException("Cannot read " + p + ": " + e.getMessage());
        }
    }

    /** Sorts the entries of a walk into host facts and log lines. */
    private static final class Collector implements ArchiveWalker.Visitor {
        final MigrationLog log = new MigrationLog();
        final Map<String, HostFacts> facts = new LinkedHashMap<>();
        final Map<String, Integer> years = new LinkedHashMap<>();
        final Map<String, long[]> files = new LinkedHashMap<>();
        final String[] current;

        Collector(String[] current) {
            this.current = current;
        }

        HostFacts facts(String origin) {
            return facts.computeIfAbsent(origin, HostFacts::new);
        }

        List<OfflineCase.Input> inputs() {
            List<OfflineCase.Input> list = new ArrayList<>();
            files.forEach((origin, counts) -> list.add(new OfflineCase.Input(origin, (int) counts[0], counts[1])));
            facts.keySet().stream().filter(o -> !files.containsKey(o)).forEach(o -> list.add(new OfflineCase.Input(o, 0, 0)));
            return list;
        }

        @Override
        public void file(String origin, String path, long size, InputStream content) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("reading cancelled");
            }
            if (HostFacts.wanted(path)) {
                if (size > HostFacts.MAX_FACT_BYTES) {
                    facts(origin).warning(path + " skipped: " + size + " bytes is more than the "
                            + HostFacts.MAX_FACT_BYTES + " a host fact file may have");
                    return;
                }
                byte[] bytes = content.readNBytes(HostFacts.MAX_FACT_BYTES + 1);
                if (bytes.length > HostFacts.MAX_FACT_BYTES) {
                    facts(origin).warning(path + " skipped: larger than " + HostFacts.MAX_FACT_BYTES + " bytes");
                    return;
                }
                facts(origin).file(path, new String(bytes, StandardCharsets.UTF_8));
            } else if (isLog(path)) {
                current[0] = path.isEmpty() ? origin : origin + " › " + path;
                readLog(origin, path, content);
            }
        }

        private void readLog(String origin, String path, InputStream content) throws IOException {
            Reader reader = new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            long[] counts = files.computeIfAbsent(origin, k -> new long[2]);
            counts[0]++;
            int year = years.getOrDefault(origin, java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
            char[] buf = new char[65536];
            StringBuilder line = new StringBuilder(256);
            long lineNo = 0;
            boolean cut = false;
            int n;
            while ((n = reader.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        lineNo++;
                        year = accept(origin, path, line, lineNo, year);
                        line.setLength(0);
                        cut = false;
                    } else if (line.length() < MAX_LINE_CHARS) {
                        if (c != '\r') {
                            line.append(c);
                        }
                    } else {
                        cut = true;
                    }
                }
                if ((lineNo & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("reading cancelled");
                }
            }
            if (line.length() > 0 || cut) {
                lineNo++;
                year = accept(origin, path, line, lineNo, year);
            }
            counts[1] += lineNo;
            years.put(origin, year);
        }

        private int accept(String origin, String path, StringBuilder line, long lineNo, int year) {
            if (line.length() < 20) {
                return year;
            }
            String text = line.toString();
            log.accept(text, new SourceRef(origin, path, lineNo), year);
            // oslo time stamps carry the year that syslog ones lack
            char c = text.charAt(0);
            if (c == '2' && text.length() > 4 && text.charAt(4) == '-') {
                try {
                    return Integer.parseInt(text.substring(0, 4));
                } catch (NumberFormatException e) {
                    return year;
                }
            }
            return year;
        }

        @Override
        public void link(String origin, String path, String target) {
            facts(origin).link(path, target);
        }

        @Override
        public void warning(String origin, String message) {
            facts(origin).warning(message);
        }
    }
}
