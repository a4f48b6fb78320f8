-- wrk script of ./fanops bench http (HttpBenchmark): POSTs a JSON body read from a file in which every "{n}" becomes a
-- value unique to the request (run id, thread, counter), so each sign-up has its own contact and each ingestion call its
-- own event ids. Counts the answers by status and prints them in done() as "status <code> <count>": wrk's own report
-- only counts "Non-2xx or 3xx responses". Arguments after "--": <body file> <run id>.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  template = f:read("*a")
  f:close()
  run = args[2] or "run"
  counter = 0
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local unique = run .. "-" .. tid .. "-" .. counter
  return wrk.format(nil, nil, nil, (string.gsub(template, "{n}", unique)))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
  end
end
