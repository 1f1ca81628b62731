package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationworkbench.config.UserEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keystone tokens kept between runs of the workbench, so that the next {@code diagnose} a minute
 * later does not log in again: a new token costs a Keystone login and, on Nova's side, a token
 * validation by keystonemiddleware on the first call (together ~1 s of a cold {@code diagnose} on
 * the real Nova, docs/PERFORMANCE.md), while a token Nova has seen is checked from its cache.
 *
 * <p>Like a Kerberos ticket cache, one file per cloud login, readable by its owner only, in the
 * per-user runtime dir ({@code $XDG_RUNTIME_DIR}: memory-backed, removed at logout) or else a
 * private dir under the temporary dir. A file is used only while it is a regular file of this user
 * with no group or other permission, and only while the token has more than {@link #MARGIN} left;
 * a token Nova rejects is forgotten at once ({@link KeystoneSession#reauthenticate}). The key is a
 * hash of the auth URL and the identity (user, domains, project, application credential), never
 * of a secret; no password is stored. Off on Windows (no owner-only check here), and where
 * clouds.yaml says {@code cache: {auth: false}}.
 */
public final class TokenCache {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    /** A cached token is used only while it has more than this left (a watch re-logs in on a 401 anyway). */
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final int FORMAT = 1;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final TokenCache NONE = new TokenCache(null, Clock.systemUTC());

    /** A token as Keystone gave it: the v3 URL it came from, the X-Subject-Token and the token body. */
    record Entry(String authUrl, String tokenId, Instant expiresAt, String body) {
    }

    private final Path dir;
    private final Clock clock;

    TokenCache(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** No reuse: every session logs in (the demo cloud, the add-cloud form's connection test). */
    public static TokenCache none() {
        return NONE;
    }

    /** A cache in {@code dir} (created owner-only when absent). */
    public static TokenCache in(Path dir) {
        return new TokenCache(dir, Clock.systemUTC());
    }

    /**
     * This user's cache: {@code $XDG_RUNTIME_DIR/migration-workbench/tokens}, else
     * {@code <tmpdir>/migration-workbench-<user>/tokens}; {@code mw.home/run/tokens} under the tests'
     * {@code mw.home}; none on Windows.
     */
    public static TokenCache forCurrentUser() {
        String override = System.getProperty("mw.home");
        if (override != null && !override.isBlank()) {
            return in(Path.of(override, "run", "tokens"));
        }
        UserEnvironment user = UserEnvironment.current();
        if (user.isWindows()) {
            return none();
        }
        String runtime = user.variable("XDG_RUNTIME_DIR");
        Path base = runtime != null && Path.of(runtime).isAbsolute()
                ? Path.of(runtime, "migration-workbench")
                : Path.of(System.getProperty("java.io.tmpdir"), "migration-workbench-" + System.getProperty("user.name"));
        return in(base.resolve("tokens"));
    }

    boolean enabled() {
        return dir != null;
    }

    /** The file name for a login: a hash of who logs in where (no secret in it). */
    static String key(CloudProfile p) {
        String identity = String.join("\n", p.authUrl(), String.valueOf(p.authType()), n(p.username()), n(p.userId()),
                n(p.userDomainName()), n(p.userDomainId()), n(p.projectName()), n(p.projectId()),
                n(p.projectDomainName()), n(p.projectDomainId()), n(p.applicationCredentialId()),
                n(p.applicationCredentialName()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    /** The cached token for {@code key}, when there is one this user alone can read, with time left. */
    Optional<Entry> load(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(key + ".json");
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!privateDirs() || !ownerOnly(file)) {
                LOG.warn("ignoring cached token {}: not a private file of this user (expected mode 0600 in a 0700 dir)",
                        file);
                return Optional.empty();
            }
            JsonNode root = NovaJson.MAPPER.readTree(Files.readString(file));
            if (root.path("format").asInt() != FORMAT) {
                return Optional.empty();
            }
            Entry entry = new Entry(root.path("authUrl").asText(null), root.path("token").asText(null),
                    Instant.parse(root.path("expiresAt").asText()), root.path("body").asText(null));
            if (entry.authUrl() == null || entry.tokenId() == null || entry.body() == null) {
                forget(key);
                return Optional.empty();
            }
            if (entry.expiresAt().isBefore(clock.instant().plus(MARGIN))) {
                forget(key);
                return Optional.empty();
            }
            return Optional.of(entry);
        } catch (IOException | DateTimeParseException | UnsupportedOperationException e) {
            LOG.debug("cached token {} not usable: {}", file, e.toString());
            forget(key);
            return Optional.empty();
        }
    }

    /** Keeps {@code entry} for {@code key}: written owner-only next to its place, then moved in. */
    void store(String key, Entry entry) {
        if (dir == null) {
            return;
        }
        Path tmp = null;
        try {
            createPrivateDir();
            if (!privateDirs()) {
                LOG.warn("not caching the Keystone token: {} or its parent is not a private dir of this user (mode 0700)",
                        dir);
                return;
            }
            ObjectNode root = NovaJson.MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("authUrl", entry.authUrl());
            root.put("token", entry.tokenId());
            root.put("expiresAt", entry.expiresAt().toString());
            root.put("body", entry.body());
            tmp = Files.createTempFile(dir, key, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.writeString(tmp, NovaJson.MAPPER.writeValueAsString(root));
            Path file = dir.resolve(key + ".json");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not cache the Keystone token in {}: {}", dir, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: an owner-only temporary file
                }
            }
        }
    }

    /** Removes the token of {@code key} (rejected by Nova, expired or unreadable). */
    void forget(String key) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(key + ".json"));
        } catch (IOException e) {
            LOG.debug("could not remove cached token {}: {}", key, e.toString());
        }
    }

    private void createPrivateDir() throws IOException {
        if (!Files.exists(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir.getParent(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
    }

    /** Both our dir and its parent (ours too: under /tmp another user could own a dir of that name). */
    private boolean privateDirs() throws IOException {
        return ownerOnly(dir.getParent()) && ownerOnly(dir);
    }

    /** A real file or dir (not a link), owned by this process's user, with no group or other permission. */
    private static boolean ownerOnly(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return false;
        }
        UserPrincipal me = path.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return attributes.owner().equals(me) && attributes.permissions().stream().noneMatch(p -> p.name().startsWith("GROUP")
                || p.name().startsWith("OTHERS"));
    }
}
