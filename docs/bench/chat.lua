-- POST /api/v1/chat with a unique shopper text per request (a new conversation each time)
-- texts: one JSON string a line (KEFU_BENCH_TEXTS): the "text" of ../shared/datasets/bitext-retail/{train,val}.jsonl
-- and the first 3,000 texts of at most 60 characters of sentiment-zh-shopping/{train,val}.jsonl, shuffled, deduplicated
local texts = {}
for line in io.lines(os.getenv("KEFU_BENCH_TEXTS") or "texts.txt") do texts[#texts + 1] = line end
local prefixes = {"", "hi, ", "hello, ", "hey, ", "please, ", "ok so ", "quick question: ", "excuse me, ", "um, ", "one more: "}
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = id * 100000 + (tonumber(os.getenv("WRK_OFFSET") or "0"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  counter = counter + 1
  local n = #texts
  local i = counter % n
  local cycle = math.floor(counter / n) % #prefixes
  local t = texts[i + 1]
  local body = '{"text":"' .. prefixes[cycle + 1] .. string.sub(t, 2)
  return wrk.format(nil, "/api/v1/chat", nil, body .. '}')
end
function done(summary, latency, requests)
  io.write(string.format("turns_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
