package dev.migrationworkbench.ui.migrations;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.ui.ChartTheme;
import dev.migrationworkbench.ui.Format;
import dev.migrationworkbench.ui.Theme;
import dev.migrationworkbench.ui.Styles;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import java.awt.BasicStroke;
import java.awt.Font;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * One watched migration: a live chart of memory remaining and processed (MiB, left axis) and the
 * transfer rate (MiB/s, right axis) over time with pass boundaries as markers, and beside it the
 * convergence estimate. New samples are appended to the chart as they arrive.
 */
final class WatchPane extends BorderPane {

    private static final double MIB = 1024.0 * 1024.0;
    /** Room for the action, the chart's minimum and its legend. */
    static final double MIN_HEIGHT = 300;
    private static final Font CHART_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final WatchedMigration watch;
    private final ResourceBundle resources;
    private final TimeSeries remaining;
    private final TimeSeries processed;
    private final TimeSeries rate;
    private final XYPlot plot;
    private final ChartViewer viewer;
    private final GridPane facts = new GridPane();
    private int shownBoundaries;
    private Theme theme = Theme.LIGHT;

    WatchPane(WatchedMigration watch, ResourceBundle resources, Consumer<WatchedMigration> onAct) {
        this.watch = watch;
        this.resources = resources;
        Button act = new Button(resources.getString("migrations.act"));
        act.setId("actButton");
        act.setOnAction(e -> onAct.accept(watch));
        act.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !watch.migrationProperty().get().inProgress(), watch.migrationProperty()));
        // on top: the bottom-left corner is where notifications appear, and a short window cuts the bottom first
        HBox actions = new HBox(act);
        actions.setPadding(new Insets(6, 12, 6, 12));
        setTop(actions);
        setMinHeight(MIN_HEIGHT);
        remaining = new TimeSeries(resources.getString("migrations.chart.remaining"));
        processed = new TimeSeries(resources.getString("migrations.chart.processed"));
        rate = new TimeSeries(resources.getString("migrations.chart.rate"));
        // processed grows far past the total (pages are sent again each pass): its own axis keeps remaining readable
        TimeSeriesCollection memory = new TimeSeriesCollection(remaining);
        TimeSeriesCollection copied = new TimeSeriesCollection(processed);
        TimeSeriesCollection rates = new TimeSeriesCollection(rate);

        DateAxis time = new DateAxis(resources.getString("migrations.chart.time"));
        NumberAxis mib = new NumberAxis(resources.getString("migrations.chart.memoryAxis"));
        NumberAxis processedMib = new NumberAxis(resources.getString("migrations.chart.processedAxis"));
        NumberAxis mibPerSecond = new NumberAxis(resources.getString("migrations.chart.rateAxis"));
        plot = new XYPlot(memory, time, mib, new XYLineAndShapeRenderer(true, false));
        plot.setDataset(1, rates);
        plot.setRangeAxis(1, mibPerSecond);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer rateRenderer = new XYLineAndShapeRenderer(true, false);
        plot.setRenderer(1, rateRenderer);
        plot.setDataset(2, copied);
        plot.setRangeAxis(2, processedMib);
        plot.mapDatasetToRangeAxis(2, 2);
        XYLineAndShapeRenderer processedRenderer = new XYLineAndShapeRenderer(true, false);
        plot.setRenderer(2, processedRenderer);
        styleLines((XYLineAndShapeRenderer) plot.getRenderer(0), processedRenderer, rateRenderer);
        for (var axis : List.of(time, mib, processedMib, mibPerSecond)) {
            axis.setLabelFont(CHART_FONT);
            axis.setTickLabelFont(CHART_FONT.deriveFont(11f));
        }
        JFreeChart chart = new JFreeChart(null, CHART_FONT, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(CHART_FONT);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
        viewer = new ChartViewer(chart);
        viewer.setId("migrationChart");
        viewer.setMinSize(300, 200);
        ChartTheme.follow(viewer, theme -> {
            this.theme = theme;
            XYLineAndShapeRenderer memoryRenderer = (XYLineAndShapeRenderer) plot.getRenderer(0);
            memoryRenderer.setSeriesPaint(0, ChartTheme.series(theme, 0));
            processedRenderer.setSeriesPaint(0, ChartTheme.series(theme, 1));
            rateRenderer.setSeriesPaint(0, ChartTheme.series(theme, 2));
        });
        setCenter(viewer);

        facts.setHgap(10);
        facts.setVgap(6);
        facts.setPadding(new Insets(8, 12, 8, 12));
        facts.setPrefWidth(400);
        facts.setMinWidth(360);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        facts.getColumnConstraints().setAll(names, values);
        facts.getStyleClass().add("estimate-panel");
        // the facts wrap; in a short pane they scroll rather than shorten to "…"
        javafx.scene.control.ScrollPane factsScroll = new javafx.scene.control.ScrollPane(facts);
        factsScroll.setFitToWidth(true);
        factsScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        factsScroll.getStyleClass().add("facts-scroll");
        factsScroll.setMinWidth(facts.getMinWidth());
        setRight(factsScroll);

        addSamples(watch.samples());
        watch.samples().addListener((ListChangeListener<ProgressSample>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    addSamples(change.getAddedSubList());
                }
            }
        });
        showEstimate();
        watch.estimateProperty().addListener((obs, old, now) -> showEstimate());
        watch.migrationProperty().addListener((obs, old, now) -> showEstimate());
        watch.staleProperty().addListener((obs, old, now) -> showEstimate());
        watch.failureProperty().addListener((obs, old, now) -> showEstimate());
    }

    private static void styleLines(XYLineAndShapeRenderer memory, XYLineAndShapeRenderer processed, XYLineAndShapeRenderer rates) {
        memory.setSeriesStroke(0, new BasicStroke(2f));
        processed.setSeriesStroke(0, new BasicStroke(1f));
        rates.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    /** Appends samples in one batch: the chart redraws once. */
    private void addSamples(List<? extends ProgressSample> added) {
        if (added.isEmpty()) {
            return;
        }
        remaining.setNotify(false);
        processed.setNotify(false);
        rate.setNotify(false);
        List<ProgressSample> all = watch.samples();
        for (ProgressSample sample : added) {
            FixedMillisecond at = new FixedMillisecond(sample.at().toEpochMilli());
            remaining.addOrUpdate(at, sample.memoryRemainingBytes() / MIB);
            if (sample.memoryProcessedBytes() != null) {
                processed.addOrUpdate(at, sample.memoryProcessedBytes() / MIB);
            }
            int index = all.indexOf(sample);
            if (index > 0) {
                ProgressSample before = all.get(index - 1);
                double seconds = (sample.at().toEpochMilli() - before.at().toEpochMilli()) / 1000.0;
                if (seconds > 0 && sample.memoryProcessedBytes() != null && before.memoryProcessedBytes() != null) {
                    rate.addOrUpdate(at, (sample.memoryProcessedBytes() - before.memoryProcessedBytes()) / MIB / seconds);
                }
            }
        }
        remaining.setNotify(true);
        processed.setNotify(true);
        rate.setNotify(true);
    }

    private void showEstimate() {
        ConvergenceEstimate e = watch.estimateProperty().get();
        Migration m = watch.migrationProperty().get();
        if (e != null) {
            List<Instant> boundaries = e.passBoundaries();
            for (int i = shownBoundaries; i < boundaries.size(); i++) {
                ValueMarker marker = new ValueMarker(boundaries.get(i).toEpochMilli(), theme.colour("-mw-text-muted"),
                        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                plot.addDomainMarker(marker);
            }
            shownBoundaries = boundaries.size();
        }
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "migrations.fact.status", m.status() + (watch.staleProperty().get()
                ? " (" + resources.getString("common.stale") + ")" : ""), "statusValue");
        if (watch.staleProperty().get() && watch.failureProperty().get() != null) {
            Label why = new Label(watch.failureProperty().get().resolve(resources));
            why.setId("readFailedValue");
            why.setWrapText(true);
            why.getStyleClass().add("read-failed");
            facts.add(why, 0, row++, 2, 1);
        }
        row = fact(row, "migrations.fact.route", Format.orNone(m.sourceCompute()) + " → " + Format.orNone(m.destCompute()), null);
        row = fact(row, "migrations.fact.remaining", Format.mib(m.memoryRemainingBytes()) + " / " + Format.mib(m.memoryTotalBytes()), null);
        row = fact(row, "migrations.fact.samples", Integer.toString(watch.samples().size()), "samplesValue");
        if (e == null) {
            fact(row, "migrations.fact.verdict", resources.getString("migrations.verdict.UNKNOWN"), "verdictValue");
            return;
        }
        boolean ended = e.verdict() == ConvergenceEstimate.Verdict.ENDED || !m.inProgress();
        Label verdict = new Label(ended ? resources.getString("migrations.verdict.ENDED") + ": " + m.status()
                : resources.getString("migrations.verdict." + e.verdict().name()));
        verdict.setId("verdictValue");
        // an ended migration is green only when it completed
        String style = !ended ? e.verdict().name().toLowerCase(java.util.Locale.ROOT)
                : "completed".equals(m.status()) ? "ended" : "ended-unsuccessfully";
        verdict.getStyleClass().addAll("verdict", "verdict-" + style);
        row = put(row, "migrations.fact.verdict", verdict);
        if (e.explanation() != null) {
            Label why = new Label(e.explanation().resolve(resources));
            why.setWrapText(true);
            why.getStyleClass().add(Styles.MUTED);
            facts.add(why, 0, row++, 2, 1);
        }
        if (ended) {
            return; // no forecast, no downtime schedule, no next step for a migration that has ended
        }
        row = fact(row, "migrations.fact.eta", Format.duration(e.eta()), "etaValue");
        row = fact(row, "migrations.fact.rate", Format.rate(e.transferRateBytesPerSecond()), null);
        row = fact(row, "migrations.fact.dirtyRate", Format.rate(e.dirtyRateBytesPerSecond()), null);
        row = fact(row, "migrations.fact.maxDowntime", Format.millis(e.currentMaxDowntimeMillis()), null);
        row = fact(row, "migrations.fact.nextStep", e.nextDowntimeStepMillis() == null ? Format.NONE
                : Format.millis(e.nextDowntimeStepMillis()) + " @ " + Format.time(e.nextDowntimeStepAt()), "nextStepValue");
        row = fact(row, "migrations.fact.timeout", e.timeoutAt() == null ? resources.getString("migrations.timeout.disabled")
                : Format.time(e.timeoutAt()) + " (" + Format.orNone(e.timeoutAction()) + ")", "timeoutValue");
        fact(row, "migrations.fact.forceComplete", Format.duration(e.forceCompleteDowntime()), "forceCompleteValue");
    }

    private int fact(int row, String key, String value, String id) {
        Label label = new Label(value);
        label.setWrapText(true);
        if (id != null) {
            label.setId(id);
        }
        return put(row, key, label);
    }

    private int put(int row, String key, Label value) {
        Label name = new Label(resources.getString(key));
        name.getStyleClass().add(Styles.MUTED);
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        facts.add(name, 0, row);
        facts.add(value, 1, row);
        return row + 1;
    }
}
