package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An HTTP error answered the way Nova wraps it: {@code {"itemNotFound": {"code": 404, "message": ...}}}. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    // nova/api/openstack/wsgi.py _fault_names
    private static final Map<Integer, String> FAULT_NAMES = Map.of(
            400, "badRequest", 401, "unauthorized", 403, "forbidden", 404, "itemNotFound",
            405, "badMethod", 409, "conflictingRequest", 413, "overLimit", 415, "badMediaType",
            429, "overLimit", 501, "notImplemented");

    final int status;
    final String faultName;

    ApiError(int status, String faultName, String message) {
        super(message);
        this.status = status;
        this.faultName = faultName;
    }

    static ApiError of(int status, String message) {
        return new ApiError(status, FAULT_NAMES.getOrDefault(status, "computeFault"), message);
    }

    static ApiError notFound(String message) {
        return of(404, message);
    }

    static ApiError badRequest(String message) {
        return of(400, message);
    }

    static ApiError conflict(String message) {
        return of(409, message);
    }

    ObjectNode body() {
        ObjectNode body = Json.object();
        body.putObject(faultName).put("code", status).put("message", getMessage());
        return body;
    }
}
