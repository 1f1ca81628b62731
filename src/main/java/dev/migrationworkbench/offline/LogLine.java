package dev.migrationworkbench.offline;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a Nova service's log in oslo.log's format (oslo_log/_options.py
 * {@code logging_context_format_string}):
 * {@code 2024-05-02 10:00:00.123 4711 INFO nova.virt.libvirt.driver [req-… user project - - -] [instance: UUID] message}
 * — before oslo.log 4.8 the context holds one request ID and five user-identity fields, since then
 * {@code [global-req local-req user project domain user-domain project-domain]} (the global one is
 * {@code None} when the request started in this service). DEBUG lines end with oslo's
 * {@code logging_debug_format_suffix} ({@code {{(pid=…) func path:line}}} or {@code func path:line}),
 * which is dropped. A line from the journal or syslog ({@code journalctl --no-pager},
 * {@code /var/log/messages}: {@code May 02 10:00:00 compute-0 nova_compute[1234]: …}, RHOSO 18
 * computes) is read through its prefix, colour escapes stripped; when the oslo part has its own time
 * stamp that one wins (it has the year and milliseconds), else the syslog time stamp with the year
 * of {@code yearHint}. Oslo time stamps carry no zone; they are taken as UTC, as Nova hosts log.
 */
public record LogLine(
        Instant at,
        String level,
        String logger,
        String requestId,
        String globalRequestId,
        String instanceUuid,
        String message,
        String syslogHost,
        String program) {

    private static final Pattern OSLO = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?)\\s+(\\d+)\\s+"
                    + "(DEBUG|INFO|AUDIT|WARNING|ERROR|CRITICAL|TRACE)\\s+(\\S+)\\s?(.*)$");
    private static final Pattern CONTEXT = Pattern.compile("^\\[([^\\]]*)\\]\\s?(.*)$");
    private static final Pattern INSTANCE = Pattern.compile(
            "^\\[instance: ([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\]\\s?(.*)$");
    private static final Pattern DEBUG_SUFFIX = Pattern.compile(
            "(?:\\s+\\{\\{\\(pid=\\d+\\)[^}]*\\}\\}|\\s+\\S+ /\\S+\\.py:\\d+)\\s*$");
    private static final Pattern SYSLOG = Pattern.compile(
            "^([A-Z][a-z]{2})\\s+(\\d{1,2}) (\\d\\d:\\d\\d:\\d\\d)(?:\\.\\d+)? (\\S+) ([^\\s\\[:]+)(?:\\[\\d+\\])?: ?(.*)$");
    private static final Pattern SYSLOG_ISO = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:[+-]\\d\\d:?\\d\\d|Z)) (\\S+) ([^\\s\\[:]+)(?:\\[\\d+\\])?: ?(.*)$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern REQ = Pattern.compile("req-[0-9a-fA-F-]{36}");
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS]XX", Locale.ROOT);

    /** The line parsed; null when it is not a Nova log line (or a journal line of another program). */
    public static LogLine parse(String raw, int yearHint) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String line = raw.indexOf('\u001B') >= 0 ? ANSI.matcher(raw).replaceAll("") : raw;
        char c = line.charAt(0);
        if (c >= '0' && c <= '9') {
            LogLine oslo = oslo(line, null, null, null);
            if (oslo != null) {
                return oslo;
            }
            Matcher iso = SYSLOG_ISO.matcher(line);
            return iso.matches() ? journal(isoInstant(iso.group(1)), iso.group(2), iso.group(3), iso.group(4)) : null;
        }
        if (c >= 'A' && c <= 'Z') {
            Matcher m = SYSLOG.matcher(line);
            if (m.matches()) {
                return journal(syslogInstant(m.group(1), m.group(2), m.group(3), yearHint), m.group(4), m.group(5),
                        m.group(6));
            }
        }
        return null;
    }

    private static LogLine journal(Instant at, String host, String program, String rest) {
        if (!program.toLowerCase(Locale.ROOT).contains("nova") || at == null) {
            return null;
        }
        LogLine inner = oslo(rest, host, program, null);
        if (inner != null) {
            return inner;
        }
        // oslo's format without the time stamp (journald handler, use_journal): "INFO logger [ctx] msg"
        Matcher m = Pattern.compile("^(?:(\\d+)\\s+)?(DEBUG|INFO|AUDIT|WARNING|ERROR|CRITICAL|TRACE)\\s+(\\S+)\\s?(.*)$")
                .matcher(rest);
        if (m.matches()) {
            return body(at, m.group(2), m.group(3), m.group(4), host, program);
        }
        return null;
    }

    private static LogLine oslo(String line, String host, String program, Instant fallback) {
        Matcher m = OSLO.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Instant at = osloInstant(m.group(1));
        return body(at != null ? at : fallback, m.group(3), m.group(4), m.group(5), host, program);
    }

    private static LogLine body(Instant at, String level, String logger, String rest, String host, String program) {
        String requestId = null;
        String global = null;
        Matcher ctx = CONTEXT.matcher(rest);
        if (ctx.matches()) {
            String[] tokens = ctx.group(1).trim().split("\\s+");
            if (tokens.length >= 2 && (REQ.matcher(tokens[1]).matches())) {
                global = REQ.matcher(tokens[0]).matches() ? tokens[0] : null;
                requestId = tokens[1];
            } else if (tokens.length >= 1 && REQ.matcher(tokens[0]).matches()) {
                requestId = tokens[0];
            }
            rest = ctx.group(2);
        }
        String instance = null;
        Matcher inst = INSTANCE.matcher(rest);
        if (inst.matches()) {
            instance = inst.group(1).toLowerCase(Locale.ROOT);
            rest = inst.group(2);
        }
        if ("DEBUG".equals(level)) {
            rest = DEBUG_SUFFIX.matcher(rest).replaceFirst("");
        }
        return new LogLine(at, level, logger, requestId, global, instance, rest, host, program);
    }

    static Instant osloInstant(String text) {
        try {
            String t = text.replace(',', '.').replace(' ', 'T');
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant isoInstant(String text) {
        try {
            return OffsetDateTime.parse(text.replaceAll("([+-]\\d\\d):(\\d\\d)$", "$1$2"), ISO_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Instant syslogInstant(String month, String day, String time, int year) {
        for (Month m : Month.values()) {
            if (m.name().substring(0, 3).equalsIgnoreCase(month)) {
                try {
                    return LocalDateTime.parse(String.format(Locale.ROOT, "%04d-%02d-%02dT%s", year, m.getValue(),
                            Integer.parseInt(day), time)).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
