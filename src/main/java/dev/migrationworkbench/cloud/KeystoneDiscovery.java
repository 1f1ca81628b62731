package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Keystone version discovery, as the {@code openstack} client does it: an {@code auth_url}
 * without a version ({@code https://keystone:5000}, {@code https://host/identity}) is asked for
 * its versions and the v3 one is used. Redirects are followed only within the same scheme, host
 * and port; a version document naming another host is used with the auth URL's own host
 * (credentials are never sent anywhere else than where the user pointed).
 */
final class KeystoneDiscovery {

    private static final Pattern VERSIONED = Pattern.compile(".*/v3(\\.\\d+)?$");
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_BODY = 1 << 20;

    private final SSLContext ssl;
    private final boolean verifyHostname;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    KeystoneDiscovery(SSLContext ssl, boolean verifyHostname, Duration connectTimeout, Duration readTimeout) {
        this.ssl = ssl;
        this.verifyHostname = verifyHostname;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The v3 URL of this auth URL: itself when it names v3, else what Keystone's version document says. */
    String v3Url(String authUrl) {
        String url = authUrl.replaceAll("/+$", "");
        URI parsed = uri(url);
        if (parsed.getScheme() == null || !parsed.getScheme().matches("(?i)https?") || parsed.getHost() == null) {
            throw new CloudProfileException("auth_url '" + authUrl + "' is not an http:// or https:// URL with a host. "
                    + "Write the whole Keystone URL, e.g. https://keystone.example.com:5000/v3.");
        }
        if (VERSIONED.matcher(url).matches()) {
            return url;
        }
        if (url.endsWith("/v2.0")) {
            throw new CloudProfileException("auth_url " + authUrl + " is Keystone v2.0, which is not supported. "
                    + "Use the v3 URL (" + url.substring(0, url.length() - 5) + "/v3).");
        }
        URI origin = parsed;
        URI current = URI.create(url + "/");
        for (int hop = 0; ; hop++) {
            Answer answer = get(current);
            if (answer.status >= 300 && answer.status < 400 && answer.status != 300) {
                if (answer.location == null || hop >= MAX_REDIRECTS) {
                    throw bad(authUrl, "answered HTTP " + answer.status + " without a usable redirect");
                }
                URI next = current.resolve(answer.location);
                if (!sameOrigin(origin, next)) {
                    throw new CloudException(CloudException.Kind.BAD_RESPONSE, "Keystone at " + authUrl
                            + " redirects to another host (" + next.getScheme() + "://" + next.getAuthority()
                            + "); credentials are not sent there. If that is the right Keystone, set auth_url to "
                            + next.resolve("/") + "v3", null, "GET", current.toString(), null, null);
                }
                current = next;
                continue;
            }
            if (answer.status != 200 && answer.status != 300) {
                throw bad(authUrl, "answered HTTP " + answer.status + " to version discovery");
            }
            return v3From(authUrl, origin, answer.body);
        }
    }

    private String v3From(String authUrl, URI origin, String body) {
        JsonNode root;
        try {
            root = NovaJson.parse(body);
        } catch (CloudException e) {
            throw bad(authUrl, "answered version discovery with something that is not JSON ("
                    + NovaJson.abbreviate(body) + ")");
        }
        JsonNode versions = root.path("versions").isArray() ? root.path("versions") : root.path("versions").path("values");
        if (root.has("version")) {
            versions = NovaJson.MAPPER.createArrayNode().add(root.get("version"));
        }
        for (JsonNode v : versions) {
            String id = v.path("id").asText("");
            String status = v.path("status").asText("").toLowerCase(Locale.ROOT);
            if (!id.startsWith("v3") || status.equals("deprecated") || status.equals("experimental")) {
                continue;
            }
            for (JsonNode link : v.path("links")) {
                if ("self".equals(link.path("rel").asText()) && link.hasNonNull("href")) {
                    URI href = origin.resolve(link.path("href").asText());
                    // the document's host may be an internal name behind a proxy: keep the user's host
                    return origin.getScheme() + "://" + origin.getRawAuthority()
                            + Objects.requireNonNullElse(href.getRawPath(), "/v3").replaceAll("/+$", "");
                }
            }
        }
        throw bad(authUrl, "offers no Keystone v3 API in its version document");
    }

    private record Answer(int status, String location, String body) {
    }

    private Answer get(URI uri) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                if (ssl != null) {
                    https.setSSLSocketFactory(ssl.getSocketFactory());
                }
                if (!verifyHostname) {
                    https.setHostnameVerifier((host, session) -> true);
                }
            }
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String body = "";
            if (in != null) {
                try (in) {
                    body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, connection.getHeaderField("Location"), body);
        } catch (IOException e) {
            throw Failures.fromTransport(e, "GET", uri.toString(), "Keystone version discovery at " + uri);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new CloudProfileException("auth_url " + url + " is not a URL: " + e.getReason());
        }
    }

    private static CloudException bad(String authUrl, String what) {
        return new CloudException(CloudException.Kind.BAD_RESPONSE, "Keystone at " + authUrl + " " + what
                + ". Set auth_url to the Keystone v3 URL, e.g. https://keystone.example.com:5000/v3.");
    }

    /** For verify: false — the profile asked for no verification (and was warned about it). */
    static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
