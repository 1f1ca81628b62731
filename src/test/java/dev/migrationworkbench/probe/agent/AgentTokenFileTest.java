package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTokenFileTest {

    @TempDir
    Path tmp;

    private Path tokenFile(String content, String permissions) throws Exception {
        Path file = tmp.resolve("token");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void firstLineTrimmed() throws Exception {
        String token = "a".repeat(64);
        assertThat(AgentCommand.readToken(tokenFile("  " + token + " \nsecond line\n", "r--------"))).isEqualTo(token);
    }

    @Test
    void refusesMissingShortOrShared() throws Exception {
        assertThatThrownBy(() -> AgentCommand.readToken(tmp.resolve("none"))).hasMessageContaining("does not exist")
                .hasMessageContaining("openssl rand");
        assertThatThrownBy(() -> AgentCommand.readToken(tokenFile("short", "rw-------"))).hasMessageContaining("shorter than 32");
        assertThatThrownBy(() -> AgentCommand.readToken(tokenFile("b".repeat(64), "rw-r--r--")))
                .hasMessageContaining("readable or writable by group/others").hasMessageContaining("chmod 0400");
    }

    @Test
    void setupCreatesAPrivateRandomTokenOnceAndKeepsAnExistingOne() throws Exception {
        Path file = tmp.resolve("etc/mw-probe/token");
        assertThat(AgentCommand.createTokenIfMissing(file)).isTrue();
        String token = AgentCommand.readToken(file);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        assertThat(AgentCommand.createTokenIfMissing(file)).isFalse();
        assertThat(AgentCommand.readToken(file)).isEqualTo(token);
        Path other = tmp.resolve("other");
        AgentCommand.createTokenIfMissing(other);
        assertThat(AgentCommand.readToken(other)).isNotEqualTo(token);
        try (var dir = Files.list(file.getParent())) {
            assertThat(dir).containsExactly(file);
        }
    }
}
