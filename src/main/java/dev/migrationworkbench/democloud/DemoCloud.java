package dev.migrationworkbench.democloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo cloud: Keystone v3 and Nova v2.1 over real HTTP on 127.0.0.1, driven by a
 * scenario. URLs: Keystone {@code http://127.0.0.1:PORT/identity/v3} ({@link #authUrl()}), Nova
 * {@code http://127.0.0.1:PORT/compute/v2.1}, a minimal Glance at {@code /image} and Neutron at
 * {@code /network}.
 */
public final class DemoCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCloud.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService ticker;
    private final World world;
    private final Simulation simulation;
    private final VirtualClock clock;
    private final Faults faults;
    private final KeystoneApi keystone;
    private final NovaApi nova;
    private final SideServices side;
    private final ProbeAgents probes;
    private final double speed;

    private DemoCloud(DemoCloudOptions options) throws IOException {
        Instant start = options.start() != null ? options.start() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Scenario scenario = options.scenarioFile() != null
                ? ScenarioLoader.file(options.scenarioFile(), start, options.seed())
                : ScenarioLoader.builtIn(options.scenarioName(), start, options.seed());
        this.world = scenario.world();
        world.scaleOut(options.extraServers());
        this.speed = options.speed() != null ? options.speed() : scenario.speed();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        this.keystone = new KeystoneApi(base, world, Clock.systemUTC(), options.tokenLifetime());
        this.simulation = new Simulation(world, scenario.timeline(), keystone::expireAll);
        this.clock = new VirtualClock(start, world, simulation::advanceTo);
        VirtualClock virtual = clock;
        this.faults = new Faults(options.seed(), keystone::expireAll, () -> java.time.Duration.between(start, virtual.now()));
        scenario.faults().forEach(faults::add);
        this.nova = new NovaApi(base, world, keystone, simulation.engine);
        this.side = new SideServices(base, world);
        this.probes = new ProbeAgents(world, simulation.engine);
        this.executor = Executors.newFixedThreadPool(8, daemon("demo-cloud-http"));
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        if (speed > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(daemon("demo-cloud-clock"));
            long[] last = {System.nanoTime()};
            ticker.scheduleAtFixedRate(() -> {
                long t = System.nanoTime();
                long virtualNanos = (long) ((t - last[0]) * speed);
                last[0] = t;
                clock.advance(java.time.Duration.ofNanos(virtualNanos));
            }, 100, 100, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
        LOG.info("demo cloud '{}' listening on {} (speed {})", world.name, base, speed);
    }

    /** Loads the scenario and starts serving; close it to stop. */
    public static DemoCloud start(DemoCloudOptions options) throws IOException {
        return new DemoCloud(options);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        HttpCall call = new HttpCall(exchange);
        try {
            for (Fault f : faults.hits(call.path)) {
                switch (f.kind) {
                    case LATENCY -> sleep(f.duration.toMillis());
                    case STATUS -> {
                        call.send(f.status, ApiError.of(f.status, "Injected fault: the server answered "
                                + f.status + ".").body());
                        return;
                    }
                    case RATE_LIMIT -> {
                        call.addHeader("Retry-After", String.valueOf(Math.max(1, f.duration.toSeconds())));
                        call.send(429, ApiError.of(429, "This request was rate-limited.").body());
                        return;
                    }
                    case DROP_CONNECTION -> throw new DroppedConnection();
                    case RESET -> {
                        HostileAnswers.reset(exchange); // else the connection is closed in order
                        throw new DroppedConnection();
                    }
                    case ENDLESS_BODY -> {
                        HostileAnswers.endlessBody(exchange);
                        throw new DroppedConnection();
                    }
                    case GZIP_BOMB -> {
                        HostileAnswers.gzipBomb(exchange);
                        exchange.close();
                        return;
                    }
                    case MALFORMED_BODY -> {
                        call.sendBytes(200, "{\"servers\": [{\"id\": \"trunc".getBytes(StandardCharsets.UTF_8),
                                "application/json");
                        return;
                    }
                    case TRUNCATED_BODY -> {
                        byte[] start = "{\"servers\": [{\"id\": \"".getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, start.length + 4096);
                        exchange.getResponseBody().write(start);
                        exchange.getResponseBody().flush();
                        throw new DroppedConnection();
                    }
                    case STALL, TRICKLE -> {
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, 0);
                        var body = exchange.getResponseBody();
                        body.write("{\"servers\": [".getBytes(StandardCharsets.UTF_8));
                        body.flush();
                        long end = System.nanoTime() + f.duration.toNanos();
                        long step = f.kind == Fault.Kind.STALL ? f.duration.toMillis() : Math.max(1, f.interval.toMillis());
                        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                            sleep(Math.min(step, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                            if (f.kind == Fault.Kind.TRICKLE) {
                                body.write(' ');
                                body.flush();
                            }
                        }
                        throw new DroppedConnection();
                    }
                    default -> throw new IllegalStateException(f.kind.name());
                }
            }
            if (call.path.startsWith(KeystoneApi.PREFIX)) {
                keystone.handle(call);
            } else if (call.path.startsWith(NovaApi.PREFIX)) {
                nova.handle(call);
            } else if (call.path.startsWith(SideServices.IMAGE)) {
                side.handleImage(call);
            } else if (call.path.startsWith(SideServices.NETWORK)) {
                side.handleNetwork(call);
            } else if (call.path.startsWith(ProbeAgents.PREFIX + "/")) {
                probes.handle(call);
            } else {
                call.send(404, ApiError.notFound("The resource could not be found.").body());
            }
        } catch (DroppedConnection e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("demo cloud failed on {} {}", call.method, call.path, e);
            call.send(500, ApiError.of(500, "Unexpected API Error. " + e).body());
        } finally {
            if (call.answered()) {
                exchange.close();
            }
        }
    }

    /** Thrown out of the handler so the JDK server closes the connection without a response. */
    private static final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("injected dropped connection", null, false, false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Keystone URL to give clients ({@code OS_AUTH_URL}): {@code http://127.0.0.1:PORT/identity/v3}. */
    public String authUrl() {
        return baseUrl() + KeystoneApi.PREFIX + "/v3";
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The Nova endpoint the catalog lists: {@code http://127.0.0.1:PORT/compute/v2.1}. */
    public String computeUrl() {
        return baseUrl() + NovaApi.PREFIX + "/v2.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String username() {
        return KeystoneApi.USER;
    }

    public String password() {
        return KeystoneApi.PASSWORD;
    }

    public String projectName() {
        return KeystoneApi.PROJECT;
    }

    public String userDomainName() {
        return KeystoneApi.DOMAIN;
    }

    public String projectDomainName() {
        return KeystoneApi.DOMAIN;
    }

    public String regionName() {
        return KeystoneApi.REGION;
    }

    /** The project id tokens are scoped to (Nova's {@code tenant_id}). */
    public String projectId() {
        return world.projectId;
    }

    public String scenarioName() {
        return world.name;
    }

    public String scenarioDescription() {
        return world.description;
    }

    /** The highest microversion this cloud accepts (the scenario's {@code nova.max_microversion}). */
    public String maxMicroversion() {
        return world.maxVersion.toString();
    }

    /** Virtual seconds per real second (0: manual clock). */
    public double speed() {
        return speed;
    }

    public VirtualClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * The base URL of the simulated probe agent of an emulated host, e.g.
     * {@code http://127.0.0.1:PORT/probe/compute-0}; append {@code /v1/health} etc. (docs/PROBE-AGENT.md).
     * Plain HTTP on loopback, same bearer-token check as the real agent.
     */
    public String probeUrl(String host) {
        return baseUrl() + ProbeAgents.PREFIX + "/" + host;
    }

    /** The bearer token every simulated probe agent of this cloud accepts (random per start). */
    public String probeToken() {
        return probes.token();
    }

    /** The emulated compute host names, in scenario order. */
    public java.util.List<String> hostNames() {
        synchronized (world) {
            return java.util.List.copyOf(world.hosts.keySet());
        }
    }

    /** The id of the (not deleted) server with this name, for tests and demos; null when there is none. */
    public String serverId(String name) {
        synchronized (world) {
            return world.servers.stream().filter(s -> !s.deleted && s.name.equals(name)).map(s -> s.id)
                    .findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
