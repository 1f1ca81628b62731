package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.Migration;
import java.util.List;

/** One page of {@code /os-migrations}, newest first; {@code nextMarker} null on the last page. */
public record MigrationPage(List<Migration> migrations, String nextMarker) {

    public MigrationPage {
        migrations = List.copyOf(migrations);
    }
}
