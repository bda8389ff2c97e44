-- wrk script for the benchmark: POST a chat request with a Bearer key, and print the results as one JSON line.
-- Environment (set by bench/run-wrk.ts): BENCH_BODY, the JSON body (bench/build-chat-request-body.ts);
-- BENCH_API_KEY, the client key.
-- No response() callback on purpose: defining one makes wrk parse every body and slows the load generator.

local body = os.getenv("BENCH_BODY")
if body == nil or body == "" then
  io.stderr:write("wrk-post.lua: BENCH_BODY is not set\n")
  os.exit(2)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_API_KEY") or "sk-bench-key")
wrk.body = body

-- Latencies are in microseconds; the runner reads the line starting with BENCH_JSON.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latencyUs":{"min":%d,"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
