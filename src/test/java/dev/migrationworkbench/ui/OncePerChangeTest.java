package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.ui.backend.Text;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OncePerChangeTest {

    @Test
    void theSameChangeSeenByTwoViewsIsToldOnceAndANewChangeAgain() {
        List<String> told = new ArrayList<>();
        OncePerChange notifier = new OncePerChange((subject, change, title, message, problem) -> told.add(subject + " " + change));
        Text title = Text.of("migrations.notify.failed.title");
        notifier.notify(Notifier.migration(7), Notifier.NOT_CONVERGING, title, title, true); // the Overview
        notifier.notify(Notifier.migration(7), Notifier.NOT_CONVERGING, title, title, true); // its watch pane
        notifier.notify(Notifier.migration(8), Notifier.NOT_CONVERGING, title, title, true);
        notifier.notify(Notifier.migration(7), Notifier.ENDED, title, title, true);
        notifier.notify(Notifier.migration(7), Notifier.ENDED, title, title, true);
        assertThat(told).containsExactly("migration/7 not-converging", "migration/8 not-converging", "migration/7 ended");

        notifier.forget(); // another cloud: the same ids are other migrations
        notifier.notify(Notifier.migration(7), Notifier.ENDED, title, title, true);
        assertThat(told).hasSize(4);
    }

    @Test
    void apiResponsesArePrettyPrintedAndAnythingElseIsLeftAsReceived() {
        assertThat(Format.prettyJson("{\"migration\":{\"id\":7,\"status\":\"running\"}}"))
                .isEqualTo("{\n  \"migration\" : {\n    \"id\" : 7,\n    \"status\" : \"running\"\n  }\n}".replace("\n", System.lineSeparator()));
        assertThat(Format.prettyJson("<html>502 Bad Gateway</html>")).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(Format.prettyJson("{\"truncated\": ")).isEqualTo("{\"truncated\": ");
    }
}
