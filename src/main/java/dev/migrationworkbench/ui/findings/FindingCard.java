package dev.migrationworkbench.ui.findings;

import dev.migrationworkbench.ui.Format;
import dev.migrationworkbench.ui.Styles;
import dev.migrationworkbench.ui.backend.FindingItem;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One finding: severity badge and code, title, explanation, the evidence (collapsed, with the raw
 * API response of each fact that has one) and the remediation with copyable commands.
 */
public final class FindingCard extends VBox {

    public FindingCard(FindingItem finding, ResourceBundle resources) {
        getStyleClass().addAll(Styles.FINDING_CARD, Styles.severity(finding.severity()));
        setSpacing(8);

        Label severity = new Label(resources.getString("findings.severity." + finding.severity().name()));
        severity.getStyleClass().addAll(Styles.BADGE, "badge-" + Styles.severity(finding.severity()));
        Label code = new Label(finding.code());
        code.getStyleClass().addAll(Styles.MUTED, "finding-code");
        Label title = new Label(finding.title().resolve(resources));
        title.getStyleClass().add("finding-title");
        title.setWrapText(true);
        HBox header = new HBox(10, severity, title);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);

        Label explanation = new Label(finding.explanation().resolve(resources));
        explanation.setWrapText(true);
        getChildren().addAll(header, code, explanation);

        if (!finding.evidence().isEmpty()) {
            VBox facts = new VBox(6);
            for (FindingItem.Fact fact : finding.evidence()) {
                Label line = new Label(fact.source() + " · " + fact.field() + " = " + fact.value());
                line.setWrapText(true);
                line.getStyleClass().add("fact");
                facts.getChildren().add(line);
                if (fact.rawResponse() != null && !fact.rawResponse().isBlank()) {
                    String pretty = Format.prettyJson(fact.rawResponse());
                    TextArea raw = new TextArea(pretty);
                    raw.setEditable(false);
                    raw.setWrapText(false);
                    raw.setPrefRowCount(Math.min(16, (int) pretty.lines().count() + 1));
                    raw.getStyleClass().addAll(Styles.COMMAND, "raw-response");
                    TitledPane rawPane = new TitledPane(resources.getString("findings.rawResponse"), raw);
                    rawPane.setExpanded(false);
                    rawPane.getStyleClass().add("raw-pane");
                    facts.getChildren().add(rawPane);
                }
            }
            TitledPane evidence = new TitledPane(
                    java.text.MessageFormat.format(resources.getString("findings.evidence"), finding.evidence().size()), facts);
            evidence.setExpanded(false);
            evidence.getStyleClass().add("evidence-pane");
            getChildren().add(evidence);
        }

        if (!finding.remediation().isEmpty()) {
            Label heading = new Label(resources.getString("findings.remediation"));
            heading.getStyleClass().add("section-title");
            getChildren().add(heading);
            for (FindingItem.Step step : finding.remediation()) {
                Label text = new Label(step.text().resolve(resources));
                text.setWrapText(true);
                getChildren().add(text);
                for (String command : step.commands()) {
                    getChildren().add(commandLine(command, resources));
                }
            }
        }
    }

    private static HBox commandLine(String command, ResourceBundle resources) {
        TextField field = new TextField(command);
        field.setEditable(false);
        field.getStyleClass().add(Styles.COMMAND);
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button(resources.getString("common.copy"));
        copy.getStyleClass().add("copy-command");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(command);
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox line = new HBox(6, field, copy);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }
}
