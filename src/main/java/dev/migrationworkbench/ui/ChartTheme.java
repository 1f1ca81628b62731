package dev.migrationworkbench.ui;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.Scene;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;

/**
 * Gives a JFreeChart the colours of the window's theme (JFreeChart paints with AWT and sees no CSS):
 * background, text, grid and markers from the theme's looked-up colours, again whenever the theme
 * of the chart's scene changes.
 */
public final class ChartTheme {

    /** What a chart draws its lines with, in order: accent, info, ok, warning, ... */
    public static final List<String> SERIES = List.of("-mw-accent", "-mw-info", "-mw-ok", "-mw-warning", "-mw-nic",
            "-mw-badge-high", "-mw-critical");

    private ChartTheme() {
    }

    /** Colours {@code viewer}'s chart now and whenever its scene's theme changes; {@code onChange} recolours its own series. */
    public static void follow(ChartViewer viewer, java.util.function.Consumer<Theme> onChange) {
        InvalidationListener restyle = obs -> {
            Theme theme = Theme.of(viewer.getScene());
            apply(viewer.getChart(), theme);
            onChange.accept(theme);
        };
        // held by the viewer, so a closed chart does not stay referenced from the scene
        viewer.getProperties().put(ChartTheme.class, restyle);
        WeakInvalidationListener weak = new WeakInvalidationListener(restyle);
        viewer.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.getStylesheets().removeListener(weak);
            }
            if (scene != null) {
                scene.getStylesheets().addListener(weak);
            }
            restyle.invalidated(null);
        });
        Scene scene = viewer.getScene();
        if (scene != null) {
            scene.getStylesheets().addListener(weak);
        }
        restyle.invalidated(null);
    }

    /** The theme's background, text and grid colours on every part of the chart. */
    public static void apply(JFreeChart chart, Theme theme) {
        Color surface = theme.colour("-mw-surface");
        Color text = theme.colour("-mw-text");
        Color muted = theme.colour("-mw-text-muted");
        Color grid = theme.colour("-mw-border");
        chart.setBackgroundPaint(surface);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(surface);
        plot.setOutlinePaint(grid);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i), text, muted);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i), text, muted);
        }
        markers(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND), muted);
        markers(plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND), muted);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(surface);
            legend.setItemPaint(text);
        }
    }

    /** The i-th line colour of the theme. */
    public static Paint series(Theme theme, int i) {
        return theme.colour(SERIES.get(i % SERIES.size()));
    }

    private static void axis(Axis axis, Color text, Color muted) {
        if (axis == null) {
            return;
        }
        axis.setLabelPaint(text);
        axis.setTickLabelPaint(muted);
        axis.setAxisLinePaint(muted);
        axis.setTickMarkPaint(muted);
    }

    private static void markers(java.util.Collection<?> markers, Color colour) {
        if (markers != null) {
            markers.forEach(m -> ((Marker) m).setPaint(colour));
        }
    }
}
