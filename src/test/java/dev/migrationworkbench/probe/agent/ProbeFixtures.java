package dev.migrationworkbench.probe.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fixture host trees under src/test/resources/probe/fixtures: regular files as they are, plus
 * tree.txt listing the symlinks and empty dirs (sysfs is full of both, and resources cannot carry
 * them), recreated in a temp dir.
 */
public final class ProbeFixtures {

    static final List<String> ALL = List.of("two-node", "eight-node", "numa-unknown", "sriov-pf");

    private ProbeFixtures() {
    }

    public static Path materialize(String name, Path target) throws IOException {
        Path source = resource("probe/fixtures/" + name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (!file.getFileName().toString().equals("tree.txt")) {
                    Files.copy(file, copy);
                }
            }
        }
        for (String line : Files.readAllLines(source.resolve("tree.txt"), StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts[0].equals("D")) {
                Files.createDirectories(target.resolve(parts[1]));
            } else if (parts[0].equals("L")) {
                Path link = target.resolve(parts[1]);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(parts[2]));
            }
        }
        return target;
    }

    static Path resource(String path) {
        URL url = ProbeFixtures.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException("test resource " + path + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stand-in virsh for tests: a shell script answering from the captured outputs in
     * probe/virsh and appending every argument it got to {@code args.log} beside it.
     */
    public static Path fakeVirsh(Path dir, String jobinfo, String domstate) throws IOException {
        Path captures = resource("probe/virsh");
        Path script = dir.resolve("virsh");
        String text = "#!/bin/sh\n"
                + "D='" + captures + "'\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + dir.resolve("args.log") + "'; done\n"
                + "[ \"$1 $2 $3\" = '--readonly --connect qemu:///system' ] || { echo 'error: not read-only' >&2; exit 9; }\n"
                + "if [ \"$4\" = list ]; then cat \"$D/list.txt\"; exit 0; fi\n"
                + "[ -f \"$D/dumpxml-$5.xml\" ] || { echo \"error: failed to get domain '$5'\" >&2; "
                + "echo 'error: Domain not found: no domain with matching uuid' >&2; exit 1; }\n"
                + "case \"$4\" in\n"
                + "  dumpxml) cat \"$D/dumpxml-$5.xml\" ;;\n"
                + "  domjobinfo) cat \"$D/domjobinfo-" + jobinfo + ".txt\" ;;\n"
                + "  domstate) cat \"$D/domstate-" + domstate + ".txt\" ;;\n"
                + "  *) echo \"error: unknown command $4\" >&2; exit 1 ;;\n"
                + "esac\n";
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
