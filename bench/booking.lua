-- wrk script: job seekers booking, each wrk thread one signed-in user on one
-- keep-alive connection (run with -t N -c N): POST /api/v1/holds on a slot,
-- then POST /api/v1/reservations for that hold, and again on the next slot.
-- BENCH_TOKENS: a file of bearer tokens (one per line, at least N; line i is
-- bench_fixture's user i-1, 求職番号 12345-0000000(i-1), who books under it);
-- BENCH_SLOTS: a file of slot ids with seats enough for the run.
-- Prints "bookings/s <rate>" and "errors <count>" (anything but 201).

local function lines(path)
  local list = {}
  for line in io.lines(path) do
    if line ~= "" then list[#list + 1] = line end
  end
  return list
end

local tokens = lines(os.getenv("BENCH_TOKENS"))
local slots = lines(os.getenv("BENCH_SLOTS"))
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("token", tokens[#threads])
  thread:set("index", #threads)
end

local thread_count, turn, hold_id, last
booked, errors = 0, 0

function init(args)
  thread_count = tonumber(os.getenv("BENCH_THREADS") or "32")
  turn = 0
end

function request()
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if hold_id then
    last = "reservation"
    return wrk.format("POST", "/api/v1/reservations", headers,
      '{"hold_id":"' .. hold_id .. '","agreed_to_terms":true,"family_name":"負荷",' ..
      '"given_name":"試験","job_seeker_number":"' .. string.format("12345-%08d", index - 1) .. '"}')
  end
  last = "hold"
  local slot = slots[((index - 1) + turn * thread_count) % #slots + 1]
  turn = turn + 1
  return wrk.format("POST", "/api/v1/holds", headers, '{"slot_id":"' .. slot .. '"}')
end

function response(status, headers, body)
  if last == "hold" then
    if status == 201 then
      hold_id = body:match('"hold_id":"([^"]+)"')
    else
      errors = errors + 1
    end
  else
    hold_id = nil
    if status == 201 then booked = booked + 1 else errors = errors + 1 end
  end
end

function done(summary, latency, requests)
  local total_booked, total_errors = 0, 0
  for _, thread in ipairs(threads) do
    total_booked = total_booked + thread:get("booked")
    total_errors = total_errors + thread:get("errors")
  end
  io.write(string.format("bookings/s %.1f\n", total_booked / (summary.duration / 1e6)))
  io.write(string.format("errors %d\n", total_errors + summary.errors.status + summary.errors.connect +
                                         summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
end
