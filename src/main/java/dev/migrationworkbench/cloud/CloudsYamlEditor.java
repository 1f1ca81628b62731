package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.migrationworkbench.config.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Adds a cloud to clouds.yaml (and, only when the user asks, its password to secure.yaml) without
 * disturbing what is there: the entry is inserted as text under {@code clouds:}, so comments,
 * order and the other clouds stay as they were; the result is parsed again before it replaces the
 * file, and must hold every cloud it held before plus the new one.
 */
public final class CloudsYamlEditor {

    /** A new clouds.yaml entry (Keystone v3 password authentication), as the add-cloud form collects it. */
    public record NewCloud(String name, String authUrl, String projectName, String projectDomainName, String username,
            String userDomainName, String regionName, CloudProfile.Interface endpointInterface, Path caCert) {
    }

    private static final Pattern CLOUDS_LINE = Pattern.compile("^clouds:\\s*(#.*)?$");
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudsYamlEditor() {
    }

    /** The clouds.yaml entry of {@code cloud}, as written (never a password). */
    public static ObjectNode entry(NewCloud cloud) {
        ObjectNode entry = YAML.createObjectNode();
        ObjectNode auth = entry.putObject("auth");
        auth.put("auth_url", cloud.authUrl());
        auth.put("username", cloud.username());
        auth.put("project_name", cloud.projectName());
        auth.put("user_domain_name", cloud.userDomainName());
        auth.put("project_domain_name", cloud.projectDomainName());
        if (cloud.regionName() != null) {
            entry.put("region_name", cloud.regionName());
        }
        entry.put("interface", cloud.endpointInterface().name().toLowerCase(Locale.ROOT));
        entry.put("identity_api_version", 3);
        if (cloud.caCert() != null) {
            entry.put("cacert", cloud.caCert().toString());
        }
        return entry;
    }

    /** Adds {@code cloud} to {@code cloudsFile} (created, with its folders, when missing); answers the file. */
    public static Path addCloud(Path cloudsFile, NewCloud cloud) throws IOException {
        ObjectNode entry = entry(cloud);
        return add(cloudsFile, cloud.name(), entry, false);
    }

    /** Adds the password of {@code cloud} to {@code secureFile}, readable by the user only. */
    public static Path addPassword(Path secureFile, String cloud, String password) throws IOException {
        ObjectNode entry = YAML.createObjectNode();
        entry.putObject("auth").put("password", password);
        return add(secureFile, cloud, entry, true);
    }

    private static Path add(Path file, String name, ObjectNode entry, boolean secret) throws IOException {
        String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        List<String> namesBefore = names(file, before);
        if (namesBefore.contains(name)) {
            throw new CloudProfileException("Cloud '" + name + "' is already defined in " + file
                    + ". Choose another name, or edit that entry by hand.");
        }
        String after = file.toString().endsWith(".json") ? withJson(before, name, entry) : withYaml(file, before, name, entry);
        List<String> namesAfter = names(file, after);
        List<String> expected = new ArrayList<>(namesBefore);
        expected.add(name);
        if (!namesAfter.containsAll(expected) || namesAfter.size() != expected.size()) {
            throw new CloudProfileException("Adding cloud '" + name + "' to " + file + " would not give a valid file (it "
                    + "would define " + namesAfter + "); nothing was written. Add this entry under clouds: by hand:\n"
                    + block(name, entry, "  "));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path written = SafeFiles.write(file, out -> out.write(after.getBytes(StandardCharsets.UTF_8)));
        if (secret) {
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the file inherits the user profile's ACL, readable by the user only
            }
        }
        return written;
    }

    private static String withYaml(Path file, String text, String name, ObjectNode entry) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (CLOUDS_LINE.matcher(lines.get(i)).matches()) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            if (!names(file, text).isEmpty() || text.lines().anyMatch(l -> l.startsWith("clouds:"))) {
                throw new CloudProfileException(file + " writes clouds: in a form this form cannot add to (flow style); "
                        + "nothing was written. Add this entry under clouds: by hand:\n" + block(name, entry, "  "));
            }
            String prefix = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
            return prefix + "clouds:\n" + block(name, entry, "  ");
        }
        String indent = "  ";
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                int spaces = line.length() - line.stripLeading().length();
                if (spaces > 0) {
                    indent = line.substring(0, spaces);
                }
                break;
            }
        }
        lines.add(at + 1, block(name, entry, indent).stripTrailing());
        return String.join("\n", lines) + "\n";
    }

    private static String withJson(String text, String name, ObjectNode entry) throws IOException {
        ObjectNode root = text.isBlank() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(text);
        ObjectNode clouds = root.has("clouds") ? (ObjectNode) root.get("clouds") : root.putObject("clouds");
        clouds.set(name, entry);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** {@code name:} and the entry below it, every line indented by {@code indent}. */
    private static String block(String name, ObjectNode entry, String indent) {
        ObjectNode wrapper = YAML.createObjectNode();
        wrapper.set(name, entry);
        try {
            StringBuilder out = new StringBuilder();
            for (String line : YAML.writeValueAsString(wrapper).split("\n")) {
                out.append(indent).append(line).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    private static List<String> names(Path file, String text) {
        if (text.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = (file.toString().endsWith(".json") ? JSON : YAML).readTree(text);
        } catch (IOException e) {
            throw new CloudProfileException(file + " is not valid YAML; nothing was written. Fix it first (the openstack "
                    + "client cannot read it either).");
        }
        List<String> names = new ArrayList<>();
        if (root != null && root.path("clouds").isObject()) {
            root.get("clouds").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
