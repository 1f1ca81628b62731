package dev.migrationworkbench.diagnosis.convergence;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.ForceCompleteEstimate;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.PassMinimum;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Recommendation;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import dev.migrationworkbench.model.MigrationJobStats;
import dev.migrationworkbench.model.ProgressSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Judges a running live migration from its progress samples (MIGRATION-PHYSICS.md): the transfer
 * rate B from processed bytes, the dirty rate D from the net change of remaining across whole
 * passes (D ≈ B + ΔR/Δt), the sawtooth's pass boundaries, the trend of the per-pass minima, and a
 * forecast of the switchover (remaining / B ≤ Nova's current max downtime) against Nova's downtime
 * steps and completion timeout. libvirt job statistics from a probe agent, when present, give B, D
 * and the pass number directly.
 */
public final class ConvergenceAnalyzer {

    /** The facts besides the samples: status, start, sizes that drive Nova's schedule, and the host's settings. */
    public record MigrationFacts(String status, Instant startedAt, long guestRamBytes, long blockDiskBytes,
            LiveMigrationSettings settings, Instant now) {
    }

    static final int MIN_SAMPLES = 3;
    static final double MIN_SPAN_SECONDS = 10;
    /** Samples older than this before the newest one do not count for the current rates. */
    static final double WINDOW_SECONDS = 180;
    /** libvirt dirty-rate readings older than this before the newest sample do not count. */
    static final double DIRTY_RATE_WINDOW_SECONDS = 60;
    /** Beyond this ETA a converging migration is "slow" whatever its size. */
    static final double SLOW_ETA_SECONDS = 1800;
    /** A migration taking more than this many times one copy of the guest's memory is "slow". */
    static final double SLOW_FACTOR = 2.5;
    /** A force-complete pause longer than this is worse than aborting and retrying later. */
    static final double ACCEPTABLE_PAUSE_SECONDS = 10;
    private static final double SHRINKING_PER_MINUTE = -0.05;
    /** A dirty rate this close to the transfer rate leaves the passes as big as they are. */
    private static final double NOT_SHRINKING_RATIO = 0.95;
    /** The last samples (about 30 s of Nova's 5 s saves) that show the current top of the sawtooth. */
    private static final int RECENT_SAMPLES = 6;

    public ConvergenceAnalysis analyze(List<ProgressSample> samples, MigrationFacts facts) {
        List<ProgressSample> s = clean(samples);
        Instant now = facts.now() != null ? facts.now() : s.isEmpty() ? Instant.EPOCH : s.get(s.size() - 1).at();
        String status = facts.status() != null ? facts.status() : s.isEmpty() ? null : s.get(s.size() - 1).status();
        ProgressSample last = s.isEmpty() ? null : s.get(s.size() - 1);
        long ram = facts.guestRamBytes() > 0 ? facts.guestRamBytes()
                : last != null && last.memoryTotalBytes() != null ? last.memoryTotalBytes() : 0;
        NovaSchedule schedule = NovaSchedule.of(facts.settings(), ram, facts.blockDiskBytes());
        double elapsed = facts.startedAt() != null ? Math.max(0, seconds(facts.startedAt(), now))
                : s.isEmpty() ? 0 : seconds(s.get(0).at(), now);
        Builder b = new Builder(facts, schedule, now, elapsed, s);

        if ("running (post-copy)".equals(status)) {
            return b.verdict(Verdict.POST_COPY, Confidence.HIGH, TextRef.key("diagnosis.convergence.reason.postCopy"));
        }
        if (status != null && !"running".equals(status)) {
            return b.verdict(Verdict.NOT_RUNNING, Confidence.HIGH, TextRef.key("diagnosis.convergence.reason.notRunning", status));
        }
        List<ProgressSample> window = window(afterFirstPass(s));
        b.bandwidth = jobStatsMedian(window, MigrationJobStats::memoryBytesPerSecond);
        b.dirty = jobStatsDirtyRate(window);
        b.fromJobStats = b.bandwidth != null;
        if (b.bandwidth == null) {
            b.bandwidth = apiBandwidth(window);
        }
        List<List<ProgressSample>> passes = passes(window);
        b.passBoundaries = passes.size() - 1;
        if (b.dirty == null) {
            b.dirty = apiDirtyRate(window, passes);
        }
        double span = window.size() < 2 ? 0 : seconds(window.get(0).at(), window.get(window.size() - 1).at());
        boolean enoughSamples = window.size() >= MIN_SAMPLES && span >= MIN_SPAN_SECONDS;
        boolean jobStatsVerdict = b.fromJobStats && b.dirty != null && last != null;
        if (last != null && firstPass(last)) {
            return b.verdict(Verdict.INSUFFICIENT_DATA, Confidence.LOW, TextRef.key("diagnosis.convergence.reason.firstPass",
                    b.bandwidth == null ? "?" : seconds1(last.memoryRemainingBytes() / b.bandwidth)));
        }
        if (last != null && iteration(last) != null && iteration(last) == 2) {
            // libvirt's only reading is over pass 0, a lower bound; when even that reaches the transfer
            // rate the migration cannot converge, otherwise the next reading is needed
            Double lowerBound = passZeroDirtyRate(window);
            if (lowerBound == null || b.bandwidth == null || lowerBound < NOT_SHRINKING_RATIO * b.bandwidth) {
                return b.verdict(Verdict.INSUFFICIENT_DATA, Confidence.LOW, TextRef.key("diagnosis.convergence.reason.secondPass",
                        b.bandwidth == null ? "?" : seconds1(last.memoryRemainingBytes() / b.bandwidth)));
            }
            b.dirty = lowerBound;
        }
        if (!enoughSamples && !jobStatsVerdict) {
            return b.verdict(Verdict.INSUFFICIENT_DATA, Confidence.LOW,
                    TextRef.key("diagnosis.convergence.reason.tooFewSamples", s.size(), MIN_SAMPLES));
        }
        if (b.bandwidth == null || b.bandwidth <= 0) {
            return b.verdict(Verdict.INSUFFICIENT_DATA, Confidence.LOW, TextRef.key("diagnosis.convergence.reason.noTransfer"));
        }
        List<PassMinimum> minima = minima(passes.size() >= 3 ? passes : timeSlices(window));
        b.minima = minima;
        b.trend = trendPerMinute(minima);
        Confidence confidence = !enoughSamples ? Confidence.LOW
                : minima.size() >= 3 && span >= 60 ? Confidence.HIGH : Confidence.MEDIUM;
        return b.forecast(confidence);
    }

    /** The state of one analysis while it is built. */
    private static final class Builder {
        final MigrationFacts facts;
        final NovaSchedule schedule;
        final Instant now;
        final double elapsed;
        final List<ProgressSample> samples;
        Double bandwidth;
        Double dirty;
        boolean fromJobStats;
        int passBoundaries;
        List<PassMinimum> minima = List.of();
        Double trend;
        boolean dirtyLowerBound;

        Builder(MigrationFacts facts, NovaSchedule schedule, Instant now, double elapsed, List<ProgressSample> samples) {
            this.facts = facts;
            this.schedule = schedule;
            this.now = now;
            this.elapsed = elapsed;
            this.samples = samples;
        }

        Long remaining() {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1).memoryRemainingBytes();
        }

        /**
         * Slow: it needs a later downtime step, or will take long in absolute terms, or more than
         * {@value #SLOW_FACTOR} times what copying the guest's memory once takes.
         */
        private boolean isSlow(double eta, int atMs, double rate) {
            Long total = samples.isEmpty() ? null : samples.get(samples.size() - 1).memoryTotalBytes();
            double oneCopy = total == null ? Double.MAX_VALUE : total / rate;
            return atMs > schedule.downtimeMsAt(elapsed) || eta > SLOW_ETA_SECONDS || elapsed + eta > SLOW_FACTOR * oneCopy;
        }

        /** The size of the current pass: its first sample, or the top of the recent sawtooth when passes are not seen. */
        long passStart() {
            List<List<ProgressSample>> passes = passes(window(afterFirstPass(samples)));
            return passes.size() >= 2 ? passes.get(passes.size() - 1).get(0).memoryRemainingBytes() : recentPeak();
        }

        long recentPeak() {
            return samples.stream().skip(Math.max(0, samples.size() - RECENT_SAMPLES))
                    .mapToLong(ProgressSample::memoryRemainingBytes).max().orElse(0);
        }

        ConvergenceAnalysis verdict(Verdict verdict, Confidence confidence, TextRef reason) {
            List<TextRef> reasons = new ArrayList<>(List.of(reason));
            Recommendation.Action action = Recommendation.Action.WAIT;
            return build(verdict, confidence, null, null, reasons, new Recommendation(action, reasons));
        }

        ConvergenceAnalysis forecast(Confidence confidence) {
            double rate = bandwidth;
            Double ratio = dirty == null ? null : dirty / rate;
            // the dirty ratio is the physics; the trend of sampled minima is only the fallback, as
            // minima sampled across short passes are phase noise
            boolean fromTrend = ratio == null && trend != null && minima.size() >= 3;
            boolean shrinking = fromTrend ? trend < SHRINKING_PER_MINUTE : ratio != null && ratio < NOT_SHRINKING_RATIO;
            // shrinking: the lowest recent minimum is where it stands; steady: what a pass must still
            // send at a sync point is the top of the recent sawtooth, not a sample that fell between passes
            long floor = shrinking ? (minima.isEmpty() ? remaining() : lastTwoMinimum(minima)) : recentPeak();
            List<TextRef> reasons = new ArrayList<>();
            // remaining back at the same size pass after pass (flat, or a sawtooth with equal tops): the
            // guest's working set is dirty again before it is sent, so Nova's counters only show the copy
            // rate; the guest dirties at least that much (a ratio of 1.00 would be a false precision)
            dirtyLowerBound = ratio != null && ratio >= 0.95 && ratio <= 1.05;
            if (dirtyLowerBound) {
                reasons.add(TextRef.key("diagnosis.convergence.reason.ratesSaturated", mibps(rate), mib(recentPeak())));
            } else {
                reasons.add(TextRef.key("diagnosis.convergence.reason.rates", mibps(rate),
                        dirty == null ? "?" : mibps(dirty), ratio == null ? "?" : String.format(java.util.Locale.ROOT, "%.2f", ratio)));
            }
            if (trend != null) {
                reasons.add(TextRef.key("diagnosis.convergence.reason.minima", minima.size(), mib(floor),
                        Math.round(trend * 100)));
            }
            Double eta = null;
            Integer at = null;
            if (shrinking && !fromTrend) {
                // the current pass ends in R/B; each later pass re-sends what the one before dirtied, ρ times
                // its size, so the passes after this one sum to (ρ·P − target) / (B − D), P the current pass's size
                double nextPass = ratio * passStart();
                for (NovaSchedule.Step step : intervals()) {
                    double target = rate * step.downtimeMs() / 1000.0;
                    double t = remaining() / rate + Math.max(0, nextPass - target) / (rate - dirty);
                    double from = Math.max(0, step.atSeconds() - elapsed);
                    double until = nextAfter(step).map(n -> n.atSeconds() - elapsed).orElse(Double.MAX_VALUE);
                    if (Math.max(t, from) < until) {
                        eta = Math.max(t, from);
                        at = step.downtimeMs();
                        break;
                    }
                }
            } else if (floor <= rate * schedule.downtimeMsAt(elapsed) / 1000.0) {
                eta = floor / rate;
                at = schedule.downtimeMsAt(elapsed);
            } else if (shrinking) {
                // without a dirty rate: the minima fall exponentially as fitted
                double k = Math.log1p(trend) / 60.0;
                for (NovaSchedule.Step step : intervals()) {
                    double target = rate * step.downtimeMs() / 1000.0;
                    double t = Math.max(0, Math.log(target / floor) / k);
                    double from = Math.max(0, step.atSeconds() - elapsed);
                    double until = nextAfter(step).map(n -> n.atSeconds() - elapsed).orElse(Double.MAX_VALUE);
                    if (Math.max(t, from) < until) {
                        eta = Math.max(t, from);
                        at = step.downtimeMs();
                        break;
                    }
                }
            } else {
                double neededMs = floor / rate * 1000.0;
                var step = schedule.firstStepAllowing(neededMs);
                if (step.isPresent()) {
                    eta = Math.max(0, step.get().atSeconds() - elapsed) + floor / rate;
                    at = step.get().downtimeMs();
                }
                reasons.add(TextRef.key("diagnosis.convergence.reason.floor", mib(floor), Math.round(neededMs),
                        schedule.finalDowntimeMs()));
                if (facts.settings().autoConvergeActive()) {
                    reasons.add(TextRef.key("diagnosis.convergence.reason.autoConverge"));
                }
            }
            Long timeout = schedule.timeoutSeconds();
            Verdict verdict;
            if (eta == null && facts.settings().autoConvergeActive() && (timeout == null || elapsed < timeout)) {
                // QEMU throttles the guest's vCPUs (20 %, then +10 % a step, up to 99 %) while dirtying
                // outpaces the copy: it will likely converge, at the cost of the guest's CPU time
                verdict = Verdict.SLOW;
                confidence = Confidence.LOW;
            } else if (eta == null || timeout != null && elapsed + eta > timeout) {
                verdict = Verdict.NOT_CONVERGING;
                if (eta != null) {
                    reasons.add(TextRef.key("diagnosis.convergence.reason.timeoutFirst", Math.round(timeout - elapsed),
                            facts.settings().timeoutAction()));
                    eta = null;
                    at = null;
                }
            } else if (isSlow(eta, at, rate)) {
                verdict = Verdict.SLOW;
                reasons.add(TextRef.key("diagnosis.convergence.reason.slow", Math.round(eta), at));
            } else {
                verdict = Verdict.CONVERGING;
                reasons.add(TextRef.key("diagnosis.convergence.reason.converging", Math.round(eta)));
            }
            return build(verdict, confidence, eta, at, reasons, recommend(verdict, eta));
        }

        /** The downtime steps from the current one on, each the start of an interval of constant max downtime. */
        private List<NovaSchedule.Step> intervals() {
            List<NovaSchedule.Step> result = new ArrayList<>();
            for (NovaSchedule.Step step : schedule.steps()) {
                if (step.atSeconds() <= elapsed) {
                    result.clear();
                }
                result.add(step);
            }
            return result;
        }

        private java.util.Optional<NovaSchedule.Step> nextAfter(NovaSchedule.Step step) {
            return schedule.steps().stream().filter(s -> s.atSeconds() > step.atSeconds()).findFirst();
        }

        private Recommendation recommend(Verdict verdict, Double eta) {
            ForceCompleteEstimate fc = forceComplete();
            List<TextRef> reasons = new ArrayList<>();
            Recommendation.Action action = Recommendation.Action.WAIT;
            if ((verdict == Verdict.CONVERGING || verdict == Verdict.SLOW) && eta == null) {
                reasons.add(TextRef.key("diagnosis.convergence.recommend.waitAutoConverge"));
            } else if (verdict == Verdict.CONVERGING || verdict == Verdict.SLOW) {
                reasons.add(TextRef.key("diagnosis.convergence.recommend.wait", Math.round(eta)));
            } else if (fc.path() == ForceCompleteEstimate.Path.POST_COPY) {
                action = Recommendation.Action.FORCE_COMPLETE;
                reasons.add(TextRef.key("diagnosis.convergence.recommend.postCopy", Math.round(fc.degradedSeconds())));
            } else if (fc.pauseSeconds() != null && fc.pauseSeconds() <= ACCEPTABLE_PAUSE_SECONDS) {
                action = Recommendation.Action.FORCE_COMPLETE;
                reasons.add(TextRef.key("diagnosis.convergence.recommend.shortPause", seconds1(fc.pauseSeconds()),
                        seconds1(fc.pauseUpperSeconds())));
            } else {
                action = Recommendation.Action.ABORT;
                reasons.add(TextRef.key("diagnosis.convergence.recommend.abort",
                        fc.pauseSeconds() == null ? "?" : seconds1(fc.pauseSeconds())));
            }
            if (verdict == Verdict.NOT_CONVERGING && schedule.timeoutSeconds() != null) {
                reasons.add(LiveMigrationSettings.FORCE_COMPLETE.equals(facts.settings().timeoutAction())
                        ? TextRef.key("diagnosis.convergence.recommend.timeoutForces", Math.round(schedule.timeoutSeconds() - elapsed))
                        : TextRef.key("diagnosis.convergence.recommend.timeoutAborts", Math.round(schedule.timeoutSeconds() - elapsed)));
            }
            return new Recommendation(action, reasons);
        }

        /**
         * Paused now, QEMU still sends the rest of this pass, then what the guest dirtied since the pass
         * began: ρ times what this pass has sent so far (at most all of it, when dirtying outpaces the copy).
         */
        ForceCompleteEstimate forceComplete() {
            boolean postCopy = facts.settings().permitPostCopy();
            Long r = remaining();
            Double pause = null;
            if (r != null && bandwidth != null && bandwidth > 0) {
                double rho = dirty == null ? 0 : Math.min(1, dirty / bandwidth);
                pause = (r + rho * Math.max(0, passStart() - r)) / bandwidth;
            }
            Double upper = pause == null ? null : Math.max(pause, recentPeak() / bandwidth);
            return new ForceCompleteEstimate(postCopy ? ForceCompleteEstimate.Path.POST_COPY : ForceCompleteEstimate.Path.PAUSE,
                    facts.settings().fromHost(), postCopy ? null : pause, postCopy ? null : upper, postCopy ? pause : null);
        }

        ConvergenceAnalysis build(Verdict verdict, Confidence confidence, Double eta, Integer switchoverAt,
                List<TextRef> reasons, Recommendation recommendation) {
            var next = schedule.nextStep(elapsed).orElse(null);
            Instant start = now.minusMillis((long) (elapsed * 1000));
            Instant timeoutAt = schedule.timeoutSeconds() == null ? null : start.plusSeconds(schedule.timeoutSeconds());
            Long total = samples.isEmpty() ? null : samples.get(samples.size() - 1).memoryTotalBytes();
            return new ConvergenceAnalysis(verdict, confidence, now, samples.size(), fromJobStats, bandwidth, dirty,
                    dirtyLowerBound, remaining(), total, passBoundaries, minima, trend, elapsed, schedule, schedule.downtimeMsAt(elapsed),
                    next, next == null ? null : start.plusSeconds(next.atSeconds()), timeoutAt, eta,
                    eta == null ? null : now.plusMillis((long) (eta * 1000)), switchoverAt, forceComplete(),
                    recommendation, reasons);
        }
    }

    /** Sorted by time; samples without time or counters dropped; repeated saves of the same values merged. */
    static List<ProgressSample> clean(List<ProgressSample> samples) {
        TreeMap<Instant, ProgressSample> byTime = new TreeMap<>();
        for (ProgressSample p : samples == null ? List.<ProgressSample>of() : samples) {
            if (p != null && p.at() != null && p.memoryRemainingBytes() != null && p.memoryProcessedBytes() != null) {
                byTime.put(p.at(), p);
            }
        }
        List<ProgressSample> out = new ArrayList<>();
        for (ProgressSample p : byTime.values()) {
            ProgressSample prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.memoryProcessedBytes().equals(p.memoryProcessedBytes())
                    && prev.memoryRemainingBytes().equals(p.memoryRemainingBytes())) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Pass 0 sends all RAM once: processed + remaining = total until it ends. Pages dirtied meanwhile
     * only show from the next pass on, so the first pass says nothing about the dirty rate.
     */
    static boolean inFirstPass(ProgressSample p) {
        Long total = p.memoryTotalBytes();
        return total != null && total > 0
                && Math.abs(p.memoryProcessedBytes() + p.memoryRemainingBytes() - total) <= 0.01 * total;
    }

    /** In pass 0: libvirt's iteration 1 (QEMU's dirty-sync count) when the agent reported it, else by the byte counts. */
    static boolean firstPass(ProgressSample p) {
        Long iteration = iteration(p);
        return iteration != null ? iteration <= 1 : inFirstPass(p);
    }

    private static Long iteration(ProgressSample p) {
        return p.jobStats() == null ? null : p.jobStats().iteration();
    }

    /**
     * libvirt's dirty rate: QEMU measures it at each bitmap sync over the pass that just ended, so a
     * reading of iteration k describes pass k − 1, and readings before iteration 3 describe pass 0.
     * A guest that rewrites a bounded working set dirties at most that set in a long pass, so a
     * reading over a long pass is low and the readings rise as passes shorten (real QEMU 7.2, guest
     * dirtying 7.2 MiB/s: 3.5 MiB/s read over a 15 s pass 0, then 6.8; test resource
     * diagnosis/real-qemu/slow.json): the highest reading of the last minute is the estimate.
     */
    static Double jobStatsDirtyRate(List<ProgressSample> s) {
        if (s.isEmpty()) {
            return null;
        }
        Instant newest = s.get(s.size() - 1).at();
        return s.stream().filter(p -> seconds(p.at(), newest) <= DIRTY_RATE_WINDOW_SECONDS)
                .filter(p -> iteration(p) == null || iteration(p) >= 3)
                .map(ProgressSample::jobStats).filter(Objects::nonNull).map(MigrationJobStats::dirtyBytesPerSecond)
                .filter(v -> v != null && v > 0).map(Long::doubleValue).max(Double::compare).orElse(null);
    }

    /** The highest libvirt dirty-rate reading of iteration 2: over pass 0. */
    private static Double passZeroDirtyRate(List<ProgressSample> s) {
        return s.stream().filter(p -> iteration(p) != null && iteration(p) == 2).map(ProgressSample::jobStats)
                .map(MigrationJobStats::dirtyBytesPerSecond).filter(v -> v != null && v > 0).map(Long::doubleValue)
                .max(Double::compare).orElse(null);
    }

    /** The samples after pass 0, or all of them while it lasts. */
    private static List<ProgressSample> afterFirstPass(List<ProgressSample> s) {
        List<ProgressSample> later = s.stream().filter(p -> !firstPass(p)).toList();
        return later.isEmpty() ? s : later;
    }

    private static List<ProgressSample> window(List<ProgressSample> s) {
        if (s.isEmpty()) {
            return s;
        }
        Instant newest = s.get(s.size() - 1).at();
        List<ProgressSample> recent = s.stream().filter(p -> seconds(p.at(), newest) <= WINDOW_SECONDS).toList();
        return recent.size() >= MIN_SAMPLES ? recent : s.subList(Math.max(0, s.size() - MIN_SAMPLES), s.size());
    }

    private static Double jobStatsMedian(List<ProgressSample> s, java.util.function.Function<MigrationJobStats, Long> field) {
        List<Double> values = s.stream().map(ProgressSample::jobStats).filter(Objects::nonNull).map(field)
                .filter(v -> v != null && v > 0).map(Long::doubleValue).sorted().toList();
        return values.isEmpty() ? null : values.get(values.size() / 2);
    }

    /** B ≈ Δprocessed / Δt over the window. */
    static Double apiBandwidth(List<ProgressSample> s) {
        if (s.size() < 2) {
            return null;
        }
        ProgressSample first = s.get(0);
        ProgressSample last = s.get(s.size() - 1);
        double dt = seconds(first.at(), last.at());
        double dp = last.memoryProcessedBytes() - first.memoryProcessedBytes();
        return dt <= 0 || dp <= 0 ? null : dp / dt;
    }

    /**
     * D ≈ (ΔR + Δprocessed) / Δt between two comparable points of the sawtooth: the starts of the first
     * and the last pass seen when there are several, else the ends of the window.
     */
    static Double apiDirtyRate(List<ProgressSample> s, List<List<ProgressSample>> passes) {
        if (s.size() < 2) {
            return null;
        }
        ProgressSample a = passes.size() >= 3 ? passes.get(1).get(0) : s.get(0);
        ProgressSample z = passes.size() >= 3 ? passes.get(passes.size() - 1).get(0) : s.get(s.size() - 1);
        double dt = seconds(a.at(), z.at());
        if (dt <= 0) {
            return null;
        }
        double d = (z.memoryRemainingBytes() - a.memoryRemainingBytes()
                + z.memoryProcessedBytes() - a.memoryProcessedBytes()) / dt;
        return Math.max(0, d);
    }

    /**
     * Splits the samples into passes: libvirt's iteration number when the agent reports it, else at
     * each jump up of remaining bigger than noise (0.5 % of the guest's memory and 5 % of the value before).
     */
    static List<List<ProgressSample>> passes(List<ProgressSample> s) {
        List<List<ProgressSample>> passes = new ArrayList<>();
        List<ProgressSample> current = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            ProgressSample p = s.get(i);
            if (i > 0 && newPass(s.get(i - 1), p)) {
                passes.add(current);
                current = new ArrayList<>();
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            passes.add(current);
        }
        return passes;
    }

    private static boolean newPass(ProgressSample before, ProgressSample p) {
        Long i0 = before.jobStats() == null ? null : before.jobStats().iteration();
        Long i1 = p.jobStats() == null ? null : p.jobStats().iteration();
        if (i0 != null && i1 != null) {
            return i1 > i0;
        }
        long jump = p.memoryRemainingBytes() - before.memoryRemainingBytes();
        long total = p.memoryTotalBytes() == null ? 0 : p.memoryTotalBytes();
        return jump > 0.005 * total && jump > 0.05 * before.memoryRemainingBytes();
    }

    /** Three equal slices of the window, when passes are too short or too long to be seen. */
    private static List<List<ProgressSample>> timeSlices(List<ProgressSample> s) {
        if (s.size() < 3) {
            return List.of(s);
        }
        Instant from = s.get(0).at();
        double span = seconds(from, s.get(s.size() - 1).at());
        List<List<ProgressSample>> slices = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ProgressSample p : s) {
            int k = span <= 0 ? 0 : Math.min(2, (int) (3 * seconds(from, p.at()) / span));
            slices.get(k).add(p);
        }
        return slices.stream().filter(l -> !l.isEmpty()).toList();
    }

    private static List<PassMinimum> minima(List<List<ProgressSample>> segments) {
        List<PassMinimum> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            segments.get(i).stream().min(Comparator.comparing(ProgressSample::memoryRemainingBytes))
                    .ifPresent(p -> out.add(new PassMinimum(out.size(), p.at(), p.memoryRemainingBytes())));
        }
        return out;
    }

    /** Least-squares slope of ln(minimum) over time, as the relative change per minute. */
    static Double trendPerMinute(List<PassMinimum> minima) {
        if (minima.size() < 2) {
            return null;
        }
        Instant t0 = minima.get(0).at();
        double n = minima.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (PassMinimum m : minima) {
            double x = seconds(t0, m.at());
            double y = Math.log(Math.max(1, m.remainingBytes()));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        if (denominator <= 0) {
            return null;
        }
        double slope = (n * sxy - sx * sy) / denominator;
        return Math.expm1(slope * 60);
    }

    private static long lastTwoMinimum(List<PassMinimum> minima) {
        return minima.stream().skip(Math.max(0, minima.size() - 2)).mapToLong(PassMinimum::remainingBytes).min().orElseThrow();
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** MiB per second, one decimal: the unit of every rate the workbench shows. */
    static String mibps(double bytesPerSecond) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytesPerSecond / 1048576.0);
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static String seconds1(Double value) {
        return value == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
