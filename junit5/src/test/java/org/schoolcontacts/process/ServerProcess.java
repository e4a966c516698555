package org.schoolcontacts.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server as a separate operating-system process, started the way README starts it (same main
 * class and options), for what only a real process shows: the readiness line, exit codes, kill -9.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    final List<String> lines = new ArrayList<>();

    private ServerProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout::add);
        pump(process.getErrorStream(), l -> {
            synchronized (stderr) {
                stderr.append(l).append('\n');
                stderr.notifyAll();
            }
        });
    }

    static ServerProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.schoolcontacts.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SCHOOL_CONTACTS_"));
        pb.environment().putAll(env);
        return new ServerProcess(pb.start());
    }

    private static void pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) sink.accept(line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-process-output");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The next line of standard output, waiting at most two minutes (null if the process ended first):
     * three JVMs starting at once on a machine shared with other builds have taken over a minute.
     */
    String nextLine() throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String l = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                lines.add(l);
                return l;
            }
            if (!process.isAlive() && stdout.isEmpty()) return null;
        }
        return null;
    }

    /** Waits for the readiness line and returns the base URL it names. */
    String awaitReady() throws InterruptedException {
        String l = nextLine();
        if (l == null || !l.startsWith("school-contacts listening on http://")) {
            throw new AssertionError("no readiness line; got " + l + "; stderr: " + stderr());
        }
        return l.substring("school-contacts listening on ".length());
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("process did not exit");
        return process.exitValue();
    }

    /** Everything the process wrote to standard output so far, without waiting. */
    String stdoutSoFar() {
        stdout.drainTo(lines);
        return String.join("\n", lines);
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** Whether the process still runs, or how it ended: for a failure message when a call got no answer. */
    String state() {
        return process.isAlive() ? "running (pid " + process.pid() + ")" : "ended with exit code " + process.exitValue() + " (pid " + process.pid() + ")";
    }

    /** Writes what the process printed so far (standard output, then standard error) to {@code file}, for after the run. */
    void keepOutput(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(file, state() + "\n--- stdout\n" + stdoutSoFar() + "\n--- stderr\n" + stderr());
    }

    /** Standard error once it contains {@code text}, waiting at most 30 s for the output to arrive. */
    String awaitStderr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (stderr) {
            while (stderr.indexOf(text) < 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                stderr.wait(left);
            }
            return stderr.toString();
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it: shutdown hooks run. Returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("process did not stop");
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the process. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill9();
    }
}
