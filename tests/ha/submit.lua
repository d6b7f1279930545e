-- wrk: submissions of complete drafts (tests/ha/cluster-bench), each thread
-- its own ids: FIRST + tid, + THREADS, ...; SESSION, TOKEN, BASE from the
-- environment.  Each carries a submission key, as a browser's would.
local threads = {}
function setup(thread)
	thread:set("tid", #threads)
	table.insert(threads, thread)
end
function init(args)
	first = tonumber(os.getenv("FIRST"))
	nthreads = tonumber(os.getenv("THREADS"))
	n = 0
	math.randomseed(os.time() + tid)
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	wrk.headers["Cookie"] = "__Host-guichet=" .. os.getenv("SESSION")
	wrk.headers["Origin"] = os.getenv("BASE")
end
function request()
	local id = first + tid + nthreads * n
	local key = ""
	for i = 1, 32 do key = key .. string.format("%x", math.random(0, 15)) end
	n = n + 1
	return wrk.format(nil, "/forms/" .. id .. "/submit", nil,
		"csrf=" .. os.getenv("TOKEN") .. "&submit_key=" .. key)
end
