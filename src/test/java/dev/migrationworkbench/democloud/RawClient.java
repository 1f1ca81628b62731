package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for the demo cloud tests: authenticates like keystoneauth and sends microversions. */
final class RawClient {

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final DemoCloud cloud;
    String token;

    RawClient(DemoCloud cloud) {
        this.cloud = cloud;
    }

    static String passwordBody(String user, String password, String project) {
        return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"name\":\"Default\"},\"password\":\"" + password + "\"}}},"
                + "\"scope\":{\"project\":{\"name\":\"" + project + "\",\"domain\":{\"name\":\"Default\"}}}}}";
    }

    RawClient login() throws Exception {
        Reply r = send("POST", cloud.authUrl() + "/auth/tokens",
                passwordBody(cloud.username(), cloud.password(), cloud.projectName()), null, null);
        if (r.status() != 201) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.raw().body());
        }
        token = r.header("X-Subject-Token");
        return this;
    }

    /** GET a compute path (below /compute/v2.1) at a microversion (null: no header). */
    Reply nova(String method, String path, String version, String body) throws Exception {
        return send(method, cloud.computeUrl() + path, body, version, token);
    }

    Reply get(String path, String version) throws Exception {
        return nova("GET", path, version, null);
    }

    Reply send(String method, String url, String body, String version, String authToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (authToken != null) {
            b.header("X-Auth-Token", authToken);
        }
        if (version != null) {
            b.header("X-OpenStack-Nova-API-Version", version);
            b.header("OpenStack-API-Version", "compute " + version);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!resp.body().isEmpty()) {
            try {
                json = MAPPER.readTree(resp.body());
            } catch (IOException e) {
                json = null;
            }
        }
        return new Reply(resp.statusCode(), json, resp);
    }
}
