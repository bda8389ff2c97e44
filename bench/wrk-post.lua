-- wrk script for the benchmark: POST a request in the target's client protocol, and print the results as one JSON line.
-- Environment (set by bench/run-wrk.ts): BENCH_BODY, the JSON body; BENCH_HEADERS, one "name: value" a line
-- (content-type and the client key: Authorization or x-api-key); both from bench/build-target-request.ts.
-- No response() callback on purpose: defining one makes wrk parse every body and slows the load generator.

local body = os.getenv("BENCH_BODY")
if body == nil or body == "" then
  io.stderr:write("wrk-post.lua: BENCH_BODY is not set\n")
  os.exit(2)
end

local headers = os.getenv("BENCH_HEADERS")
if headers == nil or headers == "" then
  io.stderr:write("wrk-post.lua: BENCH_HEADERS is not set\n")
  os.exit(2)
end

wrk.method = "POST"
for line in headers:gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name == nil then
    io.stderr:write("wrk-post.lua: not a header line in BENCH_HEADERS: " .. line .. "\n")
    os.exit(2)
  end
  wrk.headers[name] = value
end
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
