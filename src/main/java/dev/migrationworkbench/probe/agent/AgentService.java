package dev.migrationworkbench.probe.agent;

import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What each endpoint answers (docs/PROBE-AGENT.md), independent of HTTP. */
public final class AgentService {

    public static final int SCHEMA_VERSION = 1;

    private final HostReader reader;
    private final Virsh virsh;
    private final String hostName;
    private final Instant startedAt = Instant.now();

    /** @param virsh null when there is no virsh on this host */
    public AgentService(HostReader reader, Virsh virsh, String hostName) {
        this.reader = reader;
        this.virsh = virsh;
        this.hostName = hostName;
    }

    /** An answer other than 200: its HTTP status, error code and message. */
    public static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        public ApiError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    public Map<String, Object> health() {
        Map<String, Object> body = envelope();
        body.put("status", "ok");
        body.put("agentVersion", agentVersion());
        body.put("host", hostName);
        body.put("startedAt", startedAt);
        body.put("virshAvailable", virsh != null);
        return body;
    }

    public Map<String, Object> host() {
        List<String> warnings = new ArrayList<>();
        List<InstancePlacement> instances = List.of();
        if (virsh == null) {
            warnings.add("virsh not found: instance placement not reported");
        } else {
            try {
                instances = placements(virsh, warnings);
            } catch (Virsh.VirshException e) {
                warnings.add(e.getMessage() + ": instance placement not reported");
            }
        }
        HostReader.Reading reading = reader.read(instances, warnings);
        Map<String, Object> body = envelope();
        body.put("topology", reading.topology());
        body.put("warnings", reading.warnings());
        return body;
    }

    public Map<String, Object> instances() throws ApiError {
        List<String> warnings = new ArrayList<>();
        try {
            List<InstancePlacement> placements = placements(requireVirsh(), warnings);
            Map<String, Object> body = envelope();
            body.put("instances", placements);
            body.put("warnings", warnings);
            return body;
        } catch (Virsh.VirshException e) {
            throw unavailable(e);
        }
    }

    public Map<String, Object> instance(String uuid) throws ApiError {
        try {
            String xml = requireVirsh().dumpXml(uuid).orElseThrow(() -> notFound(uuid));
            Map<String, Object> body = envelope();
            body.put("placement", parsePlacement(uuid, xml));
            return body;
        } catch (Virsh.VirshException e) {
            throw unavailable(e);
        }
    }

    public Map<String, Object> jobInfo(String uuid) throws ApiError {
        try {
            Virsh v = requireVirsh();
            String output = v.domJobInfo(uuid).orElseThrow(() -> notFound(uuid));
            Boolean postCopy = v.postCopy(uuid).orElse(null);
            LibvirtJob job;
            try {
                job = DomJobInfo.parse(uuid.toLowerCase(Locale.ROOT), output, postCopy);
            } catch (IllegalArgumentException e) {
                throw new ApiError(500, "internal_error", e.getMessage());
            }
            Map<String, Object> body = envelope();
            body.put("instanceUuid", job.instanceUuid());
            body.put("collectedAt", job.collectedAt());
            body.put("jobType", job.jobType());
            body.put("stats", job.stats());
            body.put("raw", job.raw());
            return body;
        } catch (Virsh.VirshException e) {
            throw unavailable(e);
        }
    }

    private List<InstancePlacement> placements(Virsh v, List<String> warnings) throws Virsh.VirshException {
        List<InstancePlacement> placements = new ArrayList<>();
        for (String uuid : v.listUuids()) {
            Optional<String> xml = v.dumpXml(uuid);
            if (xml.isEmpty()) {
                continue; // undefined between list and dumpxml
            }
            try {
                placements.add(parsePlacement(uuid, xml.get()));
            } catch (ApiError e) {
                warnings.add(e.getMessage());
            }
        }
        return placements;
    }

    private InstancePlacement parsePlacement(String uuid, String xml) throws ApiError {
        try {
            return DomainXml.parse(xml, reader.defaultHugepageSizeKb());
        } catch (IllegalArgumentException e) {
            throw new ApiError(500, "internal_error", "domain " + uuid + ": " + e.getMessage());
        }
    }

    private Virsh requireVirsh() throws ApiError {
        if (virsh == null) {
            throw new ApiError(503, "virsh_unavailable", "virsh is not installed on this host (or not given with --virsh)");
        }
        return virsh;
    }

    private static ApiError notFound(String uuid) {
        return new ApiError(404, "instance_not_found", "no libvirt domain with UUID " + uuid + " on this host");
    }

    private static ApiError unavailable(Virsh.VirshException e) {
        return new ApiError(503, "virsh_unavailable", e.getMessage());
    }

    static Map<String, Object> envelope() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemaVersion", SCHEMA_VERSION);
        return body;
    }

    static String agentVersion() {
        String version = AgentService.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
