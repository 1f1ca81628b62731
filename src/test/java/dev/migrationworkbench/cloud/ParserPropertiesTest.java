package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based checks of the readers of untrusted input: whatever Nova or a file holds, the
 * parsers answer a value or their own typed error, never another exception, and secrets survive
 * byte for byte and never show in an error.
 */
class ParserPropertiesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> NOVA_FIELDS = List.of("id", "uuid", "name", "status", "host", "created",
            "created_at", "updated", "updated_at", "OS-EXT-STS:power_state", "OS-EXT-STS:vm_state", "fault", "message",
            "code", "details", "flavor", "extra_specs", "progress", "locked", "memory_total_bytes",
            "memory_processed_bytes", "memory_remaining_bytes", "source_compute", "dest_compute", "migration_type",
            "instance_uuid", "events", "event", "start_time", "finish_time", "result", "traceback", "state", "binary",
            "forced_down", "hypervisor_hostname", "servers", "memory_mb", "vcpus", "policy", "policies", "members",
            "rules", "ram", "disk", "action", "request_id", "user_id", "project_id", "zone", "disabled_reason");

    @Provide
    Arbitrary<JsonNode> novaObjects() {
        return object(3);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(F::textNode),
                Arbitraries.of("2026-12-01T10:00:00Z", "2026-12-01T10:00:00.123456", "2026-12-01 10:00:00+0000",
                        "not a time", "", "-1", "1e309", "running", "error").map(F::textNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.just(F.nullNode()));
        if (depth <= 0) {
            return scalar;
        }
        return Arbitraries.oneOf(scalar, scalar, Arbitraries.lazy(() -> object(depth - 1)),
                Arbitraries.lazy(() -> array(depth - 1)));
    }

    private Arbitrary<JsonNode> array(int depth) {
        return value(depth).list().ofMaxSize(3).map(items -> {
            var a = F.arrayNode();
            items.forEach(a::add);
            return a;
        });
    }

    private Arbitrary<JsonNode> object(int depth) {
        Arbitrary<Map.Entry<String, JsonNode>> field = Combinators.combine(Arbitraries.of(NOVA_FIELDS), Arbitraries.lazy(() -> value(depth)))
                .as(Map::entry);
        return field.list().ofMaxSize(12).map(entries -> {
            ObjectNode o = F.objectNode();
            entries.forEach(e -> o.set(e.getKey(), e.getValue()));
            return o;
        });
    }

    private static void parsesOrRefuses(Function<JsonNode, ?> parser, JsonNode input) {
        try {
            parser.apply(input);
        } catch (CloudException e) {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE);
        }
    }

    @Property(tries = 400)
    void novaRecordsOfAnyShapeParseOrAreABadResponse(@ForAll("novaObjects") JsonNode input) {
        parsesOrRefuses(NovaJson::server, input);
        parsesOrRefuses(NovaJson::migration, input);
        parsesOrRefuses(NovaJson::action, input);
        parsesOrRefuses(NovaJson::service, input);
        parsesOrRefuses(NovaJson::hypervisor, input);
        parsesOrRefuses(NovaJson::serverGroup, input);
        parsesOrRefuses(n -> NovaJson.flavor(n, null), input);
        parsesOrRefuses(n -> NovaJson.list(n, "servers", NovaJson::server), input);
        parsesOrRefuses(n -> NovaJson.envelope(n, "server"), input);
        parsesOrRefuses(NovaJson::versionRange, input);
    }

    @Property(tries = 400)
    void anyBodyIsJsonOrABadResponse(@ForAll String body) {
        try {
            assertThat(NovaJson.parse(body)).isNotNull();
        } catch (CloudException e) {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE);
        }
        assertThat(NovaJson.errorMessage(body)).satisfiesAnyOf(m -> assertThat(m).isNull(),
                m -> assertThat(m.length()).isLessThanOrEqualTo(301));
    }

    @Property(tries = 200)
    void anyPasswordIsReadBackByteForByte(@ForAll @StringLength(min = 1, max = 40) String password) throws Exception {
        String clean = password.codePoints().filter(cp -> cp >= 0x20 && !Character.isSurrogate((char) cp) || cp == '\t')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (clean.isEmpty()) {
            return;
        }
        Path dir = Files.createTempDirectory("mw-prop");
        try {
            Path clouds = dir.resolve("clouds.yaml");
            new YAMLMapper().writeValue(clouds.toFile(), Map.of("clouds", Map.of("c", Map.of("auth", Map.of(
                    "auth_url", "https://keystone.example:5000/v3", "username", "u", "project_name", "p",
                    "password", clean)))));
            CloudProfile profile = new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of()).resolve("c");
            assertThat(profile.password()).isEqualTo(clean);
            assertThat(profile.toString()).doesNotContain(clean.length() >= 4 ? clean : "\u0000never");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 200)
    void aBrokenCloudsYamlNeverShowsThePassword(@ForAll @AlphaChars @StringLength(min = 12, max = 24) String password,
            @ForAll @StringLength(max = 20) String junk, @ForAll("breakers") String breaker) throws Exception {
        Path dir = Files.createTempDirectory("mw-prop");
        try {
            Path clouds = Files.writeString(dir.resolve("clouds.yaml"), "clouds:\n  c:\n    auth:\n"
                    + "      auth_url: https://k:5000/v3\n      username: u\n      project_name: p\n"
                    + breaker.replace("PW", password).replace("JUNK", junk) + "\n");
            try {
                new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of()).resolve("c");
            } catch (CloudProfileException e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(password);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<String> breakers() {
        return Arbitraries.of("      password: \"PW", "      password: PW: JUNK", "\tpassword: PW", "      password: [PW",
                "      password: 'PW' 'JUNK'", "      password: PW\n  JUNK: [", "      password: {PW", "      password: PW\n\t- JUNK",
                "      password: &a PW\n      other: *b", "      password: !!binary PW", "      password: |\n PW\n  JUNK");
    }
}
