-- wrk script for bench/checkout/run.sh: every request a checkout the way the shop's JavaScript posts it, one random
-- SKU of TEA-001..TEA-100, each with an Idempotency-Key of its own. Counts the answers by status and keeps the
-- entries of Server-Timing: `app` (Jamcart's own share of the request), `db` (the store database, waits for SQLite's
-- one writer included) and `provider` (the payment provider's answer); `done` prints the figures as one JSON line.
--
--   wrk -t 1 -c 32 -d 20 --latency -s bench/checkout/checkout.lua http://127.0.0.1:PORT
--
-- With CHECKOUT_SKU set, every request asks for that SKU instead: CHECKOUT_SKU=FLASH against the benchmark's shop,
-- once its 100 units are gone, measures sold-out refusals alone (docs/benchmarks.md). With CHECKOUT_NO_KEY set, no
-- request sends an Idempotency-Key, which measures what the idempotency record costs.
local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + number)
  -- Unique across threads and runs: the run's start, the thread, and a counter.
  prefix = string.format("wrk-%d-%d-", os.time(), number)
  sent = 0
  statuses = {}
  apps = {}
  dbs = {}
  providers = {}
  -- Server-Timing entries and where each is kept: made once, not per answer.
  timings = { { "app;dur=([%d%.]+)", apps }, { "db;dur=([%d%.]+)", dbs }, { "provider;dur=([%d%.]+)", providers } }
  headers = { ["Content-Type"] = "application/json" }
  fixed_sku = os.getenv("CHECKOUT_SKU")
  no_key = os.getenv("CHECKOUT_NO_KEY")
end

function request()
  sent = sent + 1
  if not no_key then
    headers["Idempotency-Key"] = prefix .. sent
  end
  local body = string.format(
    '{"items":[{"sku":"%s","quantity":1}],"email":"load@example.com",'
      .. '"shipping":{"name":"Kim Minji","line1":"12 Sejong-daero","city":"Seoul","postalCode":"04524","country":"KR"}}',
    fixed_sku or string.format("TEA-%03d", math.random(1, 100)))
  return wrk.format("POST", "/api/checkout", headers, body)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local timing = headers["Server-Timing"]
  if timing then
    for _, entry in ipairs(timings) do
      local duration = string.match(timing, entry[1])
      if duration then
        entry[2][#entry[2] + 1] = tonumber(duration)
      end
    end
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0
  end
  local index = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[index]
end

function done(summary, latency, requests)
  local all_statuses = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      all_statuses[status] = (all_statuses[status] or 0) + count
    end
  end
  local function gathered(name)
    local all = {}
    for _, thread in ipairs(threads) do
      for _, duration in ipairs(thread:get(name)) do
        all[#all + 1] = duration
      end
    end
    table.sort(all)
    return all
  end
  local all_apps, all_dbs, all_providers = gathered("apps"), gathered("dbs"), gathered("providers")

  local seconds = summary.duration / 1e6
  local created = all_statuses["201"] or 0
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local parts = {}
  for status, count in pairs(all_statuses) do
    parts[#parts + 1] = string.format('"%s": %d', status, count)
  end
  -- wrk's latency is in microseconds; the figures are in milliseconds like the rest of docs/benchmarks.md.
  io.write(string.format(
    'JSON {"checkoutsPerSecond": %.1f, "seconds": %.2f, "requests": %d, "socketErrors": %d, '
      .. '"p50": %.2f, "p90": %.2f, "p99": %.2f, "max": %.2f, "appP50": %.3f, "appP99": %.3f, '
      .. '"dbP50": %.2f, "dbP99": %.2f, "providerP50": %.2f, "providerP99": %.2f, "statuses": {%s}}\n',
    created / seconds, seconds, summary.requests, errors,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    percentile(all_apps, 50), percentile(all_apps, 99), percentile(all_dbs, 50), percentile(all_dbs, 99),
    percentile(all_providers, 50), percentile(all_providers, 99), table.concat(parts, ", ")))
end
