-- wrk script: every request a different URL (an ignored `miss` parameter), so that the server's
-- page cache never answers and each request builds its page from SQLite.
local threads = 0
function setup(thread)
  thread:set("prefix", threads)
  threads = threads + 1
end
local n = 0
function request()
  n = n + 1
  return wrk.format(nil, wrk.path .. "&miss=" .. prefix .. "-" .. n)
end
