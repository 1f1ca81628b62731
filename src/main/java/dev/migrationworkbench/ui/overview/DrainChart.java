package dev.migrationworkbench.ui.overview;

import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.ui.ChartTheme;
import dev.migrationworkbench.ui.Theme;
import java.awt.Font;
import java.util.Date;
import java.util.List;
import java.util.ResourceBundle;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The combined chart of a drain: memory remaining of each of the host's running migrations on one
 * time axis, in the colours of the window's theme.
 */
final class DrainChart {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final TimeSeriesCollection dataset = new TimeSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final ChartViewer viewer;
    private Theme theme = Theme.LIGHT;

    DrainChart(ResourceBundle resources) {
        DateAxis time = new DateAxis(resources.getString("migrations.chart.time"));
        NumberAxis mib = new NumberAxis(resources.getString("migrations.chart.memoryAxis"));
        for (var axis : List.of(time, mib)) {
            axis.setLabelFont(FONT);
            axis.setTickLabelFont(FONT);
        }
        XYPlot plot = new XYPlot(dataset, time, mib, renderer);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.getLegend().setItemFont(FONT);
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        viewer = new ChartViewer(chart);
        viewer.setId("drainChart");
        viewer.setMinSize(200, 120);
        ChartTheme.follow(viewer, theme -> {
            this.theme = theme;
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                renderer.setSeriesPaint(i, ChartTheme.series(theme, i));
            }
        });
    }

    Node node() {
        return viewer;
    }

    /** Replaces the series in one batch (the chart redraws once). */
    void show(List<MigrationVerdict> migrations) {
        dataset.setNotify(false);
        dataset.removeAllSeries();
        int i = 0;
        for (MigrationVerdict v : migrations) {
            if (!v.verdict().inProgress()) {
                continue;
            }
            TimeSeries series = new TimeSeries((v.serverName() == null ? v.serverId() : v.serverName()) + " #" + v.migration().id());
            for (ProgressSample s : v.evidence().samples()) {
                if (s.at() != null && s.memoryRemainingBytes() != null) {
                    series.addOrUpdate(new FixedMillisecond(Date.from(s.at())), s.memoryRemainingBytes() / 1048576.0);
                }
            }
            renderer.setSeriesPaint(i, ChartTheme.series(theme, i));
            dataset.addSeries(series);
            i++;
        }
        dataset.setNotify(true);
    }
}
