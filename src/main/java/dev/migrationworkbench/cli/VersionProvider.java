package dev.migrationworkbench.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return MainCommand.versionLines();
    }
}
