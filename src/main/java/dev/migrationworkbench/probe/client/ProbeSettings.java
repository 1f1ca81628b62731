package dev.migrationworkbench.probe.client;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the probe agents are and how to call them: {@code probe-agents.properties} in the config
 * dir (format in docs/PROBE-AGENT.md). The token itself stays in a file the user keeps; the
 * workbench only remembers that file's path.
 *
 * @param urlPattern     agent URL for hosts without their own line; {@code {host}} is replaced by the Nova host name
 * @param hostUrls       per-host agent URLs
 * @param tokenFile      the bearer token file used for all hosts without their own
 * @param hostTokenFiles per-host token files
 */
public record ProbeSettings(
        String urlPattern,
        Map<String, URI> hostUrls,
        Path tokenFile,
        Map<String, Path> hostTokenFiles,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String FILE_NAME = "probe-agents.properties";
    public static final String DEFAULT_PATTERN = "https://{host}:8443";
    /** A Nova host name: what may be put into a URL. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})");

    public ProbeSettings {
        urlPattern = urlPattern == null || urlPattern.isBlank() ? DEFAULT_PATTERN : urlPattern.strip();
        hostUrls = hostUrls == null ? Map.of() : Map.copyOf(hostUrls);
        hostTokenFiles = hostTokenFiles == null ? Map.of() : Map.copyOf(hostTokenFiles);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        if (!urlPattern.startsWith("https://") && !isLoopbackHttp(urlPattern.replace("{host}", "h"))) {
            throw new IllegalArgumentException("probe agent URL pattern '" + urlPattern
                    + "' must start with https:// (plain http:// only to 127.0.0.1, ::1 or localhost)");
        }
    }

    public static ProbeSettings defaults(Path tokenFile) {
        return new ProbeSettings(null, null, tokenFile, null, null, null);
    }

    /**
     * Reads {@code probe-agents.properties} from the config dir; defaults when it does not exist.
     *
     * @throws IllegalArgumentException naming the file, the key and what is wrong
     */
    public static ProbeSettings load(Path configDir) throws IOException {
        Path file = configDir.resolve(FILE_NAME);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
        }
        Map<String, URI> urls = new LinkedHashMap<>();
        Map<String, Path> tokens = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).strip();
            if (key.startsWith("host.")) {
                urls.put(key.substring(5), httpsUri(value, file + ": " + key));
            } else if (key.startsWith("token.file.")) {
                tokens.put(key.substring(11), Path.of(value));
            }
        }
        String token = p.getProperty("token.file");
        return new ProbeSettings(p.getProperty("url.pattern"), urls,
                token == null || token.isBlank() ? configDir.resolve("probe-token") : Path.of(token.strip()),
                tokens, millis(p, "connect.timeout.ms", file), millis(p, "request.timeout.ms", file));
    }

    /** The agent URL of a Nova host (no trailing slash). */
    public URI agentUrl(String host) {
        URI own = hostUrls.get(host);
        if (own != null) {
            return own;
        }
        if (host == null || !HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name that can be put into the agent URL pattern");
        }
        return httpsUri(urlPattern.replace("{host}", host), "url.pattern");
    }

    public Path tokenFile(String host) {
        return Optional.ofNullable(hostTokenFiles.get(host)).orElse(tokenFile);
    }

    private static URI httpsUri(String text, String where) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || isLoopbackHttp(uri.toString()))) {
                throw new IllegalArgumentException(where + ": '" + text + "' is not an https:// URL with a host "
                        + "(plain http:// is accepted only on loopback: 127.0.0.1, ::1, localhost)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /**
     * A plain-HTTP URL to this machine (the demo cloud's simulated agents, an SSH tunnel): the
     * client accepts it, since nothing leaves the machine.
     */
    static boolean isLoopbackHttp(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            return "http".equals(uri.getScheme()) && host != null
                    && (host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Duration millis(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a positive number of milliseconds, not '" + value + "'", e);
        }
    }
}
