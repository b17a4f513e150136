-- wrk script for bench/put-capture-cost.sh: PUT /posts/{id} with a full body (userId, title, body) to random ids,
-- as an authenticated editor. Every request changes the title, so that the capture triggers log each one.
-- Usage: wrk ... -s bench/put-posts.lua http://host:port -- <number of posts> "Basic <base64 of user:password>" <run>
-- (<run>: a number that differs from run to run, so that no run repeats an earlier run's titles)
local posts, authorization, run
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  posts = tonumber(args[1])
  authorization = args[2]
  run = tonumber(args[3])
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

local body = "quia et suscipit\\nsuscipit recusandae consequuntur expedita et cum\\nreprehenderit molestiae ut ut"
  .. " quas totam\\nnostrum rerum est autem sunt rem eveniet architecto"

function request()
  counter = counter + 1
  local id = math.random(posts)
  local json = string.format('{"userId": %d, "title": "sunt aut facere repellat provident %d-%d-%d", "body": "%s"}',
    1 + math.floor((id - 1) / 10), run, thread_number or 0, counter, body)
  return wrk.format("PUT", "/posts/" .. id,
    { ["Content-Type"] = "application/json", ["Authorization"] = authorization }, json)
end
