package dev.migrationworkbench.ui.overview;

import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.triage.MigrationVerdict;
import java.awt.Color;
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
 * time axis. Transparent, with mid-grey text, so it reads on the light and the dark theme alike.
 */
final class DrainChart {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color TEXT = new Color(0x88, 0x90, 0x9A);
    private static final Color GRID = new Color(0x88, 0x90, 0x9A, 0x55);
    private static final Color[] LINES = {new Color(0xE0, 0x43, 0x4F), new Color(0x3B, 0x7D, 0xD8), new Color(0x2E, 0xA0, 0x5F),
        new Color(0xF0, 0xB4, 0x29), new Color(0x9B, 0x59, 0xB6), new Color(0x16, 0xA0, 0xA0), new Color(0xE8, 0x59, 0x0C)};

    private final TimeSeriesCollection dataset = new TimeSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final ChartViewer viewer;

    DrainChart(ResourceBundle resources) {
        DateAxis time = new DateAxis(resources.getString("migrations.chart.time"));
        NumberAxis mib = new NumberAxis(resources.getString("migrations.chart.memoryAxis"));
        for (var axis : List.of(time, mib)) {
            axis.setLabelFont(FONT);
            axis.setTickLabelFont(FONT);
            axis.setLabelPaint(TEXT);
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(TEXT);
            axis.setTickMarkPaint(TEXT);
        }
        XYPlot plot = new XYPlot(dataset, time, mib, renderer);
        plot.setBackgroundPaint(null);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.setBackgroundPaint(null);
        chart.getLegend().setBackgroundPaint(null);
        chart.getLegend().setItemPaint(TEXT);
        chart.getLegend().setItemFont(FONT);
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        viewer = new ChartViewer(chart);
        viewer.setId("drainChart");
        viewer.setMinSize(200, 120);
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
            renderer.setSeriesPaint(i, LINES[i % LINES.length]);
            dataset.addSeries(series);
            i++;
        }
        dataset.setNotify(true);
    }
}
