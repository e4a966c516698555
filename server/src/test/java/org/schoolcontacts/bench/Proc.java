package org.schoolcontacts.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process the harness started (a contender or wrk's target), with its output in a log file.
 * Every process is stopped by its own PID: {@link #stop} sends SIGTERM, then SIGKILL if it lingers;
 * a JVM shutdown hook stops whatever is still running if the harness itself is interrupted.
 */
final class Proc {
    private static final List<Proc> RUNNING = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<Proc> left;
            synchronized (RUNNING) {
                left = new ArrayList<>(RUNNING);
            }
            for (Proc p : left) p.stop();
        }, "bench-cleanup"));
    }

    final String name;
    final Process process;
    final Path log;
    final int port;
    /** Milliseconds from launch to readiness. */
    long startupMs = -1;

    private Proc(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    long pid() { return process.pid(); }

    /**
     * Launches {@code command} and waits until its output contains {@code readyLine} (when not null)
     * and then until {@code probePath} answers HTTP 200 (when not null), at most {@code timeoutMs}.
     */
    static Proc start(String name, List<String> command, Path log, int port, String readyLine, String probePath, long timeoutMs)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Proc p = new Proc(name, process, log, port);
        synchronized (RUNNING) {
            RUNNING.add(p);
        }
        long deadline = t0 + timeoutMs * 1_000_000L;
        while (true) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited early (" + process.exitValue() + "); see " + log);
            if (System.nanoTime() > deadline) {
                p.stop();
                throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms; see " + log);
            }
            boolean ready = readyLine == null || Files.readString(log).contains(readyLine);
            if (ready && probePath != null) ready = answers(p.baseUrl() + probePath);
            if (ready) break;
            // polling the log: a process's output has no event to wait on; 5 ms bounds the error of startupMs
            TimeUnit.MILLISECONDS.sleep(5);
        }
        p.startupMs = (System.nanoTime() - t0) / 1_000_000;
        return p;
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop() {
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
