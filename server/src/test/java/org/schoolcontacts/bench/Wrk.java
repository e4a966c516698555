package org.schoolcontacts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (bounded: its own duration, and killed by PID if it overruns) and reads its report:
 * requests per second, the 50th and 99th latency percentiles, and errors (socket errors, non-2xx
 * answers, and answers the Lua script found wrong: it prints {@code BAD n}).
 */
final class Wrk {
    /** One measurement. {@code rate} is per second in the workload's unit (requests or students). */
    record Sample(double rate, double p50ms, double p99ms, long errors, long requests) {}

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern BAD = Pattern.compile("BAD (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private final Path workDir;

    Wrk(Path workDir) { this.workDir = workDir; }

    /**
     * @param itemsPerRequest the rate is multiplied by it (100 for a batch of 100 students)
     * @param script          a Lua script file, or null for plain GETs of {@code url}
     */
    Sample run(String url, int connections, double seconds, Path script, List<String> scriptArgs, int itemsPerRequest)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(connections, 2)), "-c",
                String.valueOf(connections), "-d", seconds < 1 ? "1s" : ((long) Math.ceil(seconds)) + "s", "--latency",
                "--timeout", "10s"));
        if (script != null) cmd.addAll(List.of("-s", script.toString()));
        cmd.add(url);
        if (script != null && !scriptArgs.isEmpty()) {
            cmd.add("--");
            cmd.addAll(scriptArgs);
        }
        Path out = Files.createTempFile(workDir, "wrk-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk overran: " + String.join(" ", cmd));
        }
        String text = Files.readString(out);
        Matcher rate = RATE.matcher(text);
        // wrk reports a script that does not load and then goes on without it: that run measures nothing
        if (script != null && text.contains(script.toString() + ":")) throw new IllegalStateException("wrk script failed: " + text);
        if (p.exitValue() != 0 || !rate.find()) throw new IllegalStateException("wrk failed: " + String.join(" ", cmd) + "\n" + text);
        long errors = 0;
        Matcher m = SOCKET.matcher(text);
        if (m.find()) {
            for (int i = 1; i <= 4; i++) errors += Long.parseLong(m.group(i));
        }
        m = NON2XX.matcher(text);
        if (m.find()) errors += Long.parseLong(m.group(1));
        m = BAD.matcher(text);
        if (m.find()) errors += Long.parseLong(m.group(1));
        m = REQUESTS.matcher(text);
        long requests = m.find() ? Long.parseLong(m.group(1)) : 0;
        if (errors > 0) {
            // kept for reading: wrk's report and the first wrong answers the script printed
            Files.move(out, out.resolveSibling(out.getFileName().toString().replace(".txt", "-errors.txt")));
        } else {
            Files.deleteIfExists(out);
        }
        return new Sample(Double.parseDouble(rate.group(1)) * itemsPerRequest, millis(P50, text), millis(P99, text), errors, requests);
    }

    private static double millis(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) return Double.NaN;
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /**
     * The Lua script of the write and mixed workloads. Arguments: token, mode (update, create or
     * mixed), a tag unique to the run (keeps created ids fresh). Every thread (tid 0..) owns 8 groups
     * of 100 students {@code bu<tid>_<g>_<i>}; an update renames 98 of a group and moves them to the
     * other class, and names two students that do not exist (60111); a create adds 98 new students to
     * one of 100 classes and repeats two existing ids (60102). An answer is wrong unless it carries
     * exactly three errcodes (the top level and two failed items); a read is wrong unless it is errcode 0.
     */
    static final String SCRIPT = """
            local token, mode, tag
            local n = 0
            bad = 0
            local threads = {}
            function setup(thread)
              thread:set("tid", #threads)
              table.insert(threads, thread)
            end
            function init(args)
              token = args[1]; mode = args[2]; tag = args[3]
            end
            local headers = { ["Content-Type"] = "application/json" }
            local function update_body(k)
              local g = k % 8
              local dept = (math.floor(k / 8) % 2 == 0) and 12 or 11
              local parts = {}
              for i = 0, 99 do
                if i == 33 or i == 66 then
                  parts[#parts + 1] = '{"student_userid":"nobody' .. i .. '","name":"x"}'
                else
                  parts[#parts + 1] = '{"student_userid":"bu' .. tid .. '_' .. g .. '_' .. i .. '","name":"n' .. tag .. '_' .. k .. '_' .. i .. '","department":[' .. dept .. ']}'
                end
              end
              return '{"students":[' .. table.concat(parts, ",") .. ']}'
            end
            local function create_body(k)
              local dept = 200 + ((k * 2 + tid) % 100)
              local parts = {}
              for i = 0, 99 do
                if i == 33 or i == 66 then
                  parts[#parts + 1] = '{"student_userid":"bu0_0_' .. i .. '","name":"dup","department":[' .. dept .. ']}'
                else
                  parts[#parts + 1] = '{"student_userid":"c' .. tag .. 't' .. tid .. 'k' .. k .. 'i' .. i .. '","name":"new ' .. i .. '","department":[' .. dept .. ']}'
                end
              end
              return '{"students":[' .. table.concat(parts, ",") .. ']}'
            end
            function request()
              n = n + 1
              if mode == "update" or (mode == "mixed" and n % 10 == 0) then
                return wrk.format("POST", "/cgi-bin/school/user/batch_update_student?access_token=" .. token, headers, update_body(n))
              elseif mode == "create" then
                return wrk.format("POST", "/cgi-bin/school/user/batch_create_student?access_token=" .. token, headers, create_body(n))
              else
                local id = "bu" .. tid .. "_" .. (n % 8) .. "_" .. ((n * 7) % 100)
                return wrk.format("GET", "/cgi-bin/school/user/get?access_token=" .. token .. "&userid=" .. id)
              end
            end
            local function wrong(status, body)
              bad = bad + 1
              -- the first few wrong answers of each thread are printed, so a run's errors can be read
              if bad <= 3 then io.write("WRONG " .. status .. " " .. string.sub(body, 1, 400) .. "\\n") end
            end
            function response(status, hdrs, body)
              if string.find(body, '"result_list"', 1, true) then
                local _, count = string.gsub(body, '"errcode":', "")
                if count ~= 3 then wrong(status, body) end
              elseif string.sub(body, 1, 12) ~= '{"errcode":0' then
                wrong(status, body)
              end
            end
            function done(summary, latency, requests)
              local total = 0
              for _, t in ipairs(threads) do total = total + t:get("bad") end
              io.write("BAD " .. total .. "\\n")
            end
            """;
}
