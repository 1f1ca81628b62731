package dev.migrationworkbench.probe.agent;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's worker threads, with a deadline on reading each request. The JDK server reads a
 * request, TLS handshake included, on a worker and blocking, with no time limit of its own on the
 * handshake: a client that starts a handshake and stalls or trickles it would hold a worker for
 * as long as it keeps the connection open. Here every exchange must have been read (handshake,
 * request line and headers) within the request timeout of being handed over; past it the worker
 * is interrupted, which closes the connection's channel (an interruptible channel) and ends the
 * read at once. And when every worker is busy reading, a new connection makes the one that has
 * been reading longest give up its worker, so no number of stalled clients keeps a real request
 * waiting for the timeout. An exchange whose request has been read ({@link #requestRead}) is
 * never interrupted.
 */
final class AgentWorkers implements Executor, AutoCloseable {

    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();
    private static final long SWEEP_MILLIS = 100;

    private final int size;
    private final long timeoutNanos;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService sweeper;
    /** Exchanges handed over whose request has not been read yet (queued or on a worker). */
    private final Set<Task> reading = ConcurrentHashMap.newKeySet();

    AgentWorkers(int size, Duration requestTimeout) {
        this.size = size;
        this.timeoutNanos = requestTimeout.toNanos();
        AtomicInteger threads = new AtomicInteger();
        // started when needed, ended after 30 s idle; the queue never refuses (a refused task would kill
        // the JDK server's dispatcher)
        this.workers = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "probe-agent-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-agent-deadlines");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::expireOverdue, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Called by the JDK server's dispatcher for each exchange (a new connection, or the next request on one). */
    @Override
    public void execute(Runnable exchange) {
        Task task = new Task(exchange, System.nanoTime() + timeoutNanos);
        reading.add(task);
        if (workers.getActiveCount() >= size) {
            evictLongestReading();
        }
        workers.execute(task);
    }

    /**
     * Marks the current exchange's request as read: from now on it is not interrupted. False when
     * its deadline already passed (its worker is being interrupted): the caller drops the exchange.
     */
    static boolean requestRead() {
        Task task = CURRENT.get();
        return task == null || task.handling();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        workers.shutdownNow();
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Task task : reading) {
            if (now - task.deadline >= 0) {
                task.expire();
            }
        }
    }

    private void evictLongestReading() {
        Task longest = null;
        for (Task task : reading) {
            if (task.onWorker() && (longest == null || task.deadline - longest.deadline < 0)) {
                longest = task;
            }
        }
        if (longest != null) {
            longest.expire();
        }
    }

    private enum State { QUEUED, READING, HANDLING, EXPIRED, DONE }

    private final class Task implements Runnable {
        private final Runnable exchange;
        final long deadline;
        private State state = State.QUEUED;
        private Thread worker;

        Task(Runnable exchange, long deadline) {
            this.exchange = exchange;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (state == State.EXPIRED) {
                    // overdue while queued: the exchange's first read on its channel closes it
                    Thread.currentThread().interrupt();
                } else {
                    state = State.READING;
                    worker = Thread.currentThread();
                }
            }
            CURRENT.set(this);
            try {
                exchange.run();
            } finally {
                CURRENT.remove();
                synchronized (this) {
                    state = State.DONE;
                    worker = null;
                }
                reading.remove(this);
                Thread.interrupted(); // an interrupt meant for this exchange must not reach the next one
            }
        }

        synchronized boolean onWorker() {
            return state == State.READING;
        }

        synchronized boolean handling() {
            if (state != State.READING) {
                return false;
            }
            state = State.HANDLING;
            reading.remove(this);
            return true;
        }

        synchronized void expire() {
            if (state == State.QUEUED) {
                state = State.EXPIRED;
            } else if (state == State.READING) {
                state = State.EXPIRED;
                worker.interrupt();
            }
        }
    }
}
