#!/usr/bin/env node
// Records what the real JSONPlaceholder server software (jsonplaceholder@0.3.3) answers to the GETs that
// the api module's compatibility test replays against our service, and copies the posts and comments it
// serves. Writes api/src/test/resources/jsonplaceholder-data.json and jsonplaceholder-answers.json.
// Usage (from e2e/, after npm ci): node record-api-compat.js [port]
const { spawn } = require('child_process')
const fs = require('fs')
const path = require('path')

const port = process.argv[2] || '18201'
const out = path.join(__dirname, '..', 'api', 'src', 'test', 'resources')
const requests = [
  '/posts', '/posts/', '/posts/1', '/posts/1/', '/posts/100', '/posts?userId=1', '/posts?userId=1&userId=3',
  '/posts?title=qui%20est%20esse', '/posts?userId=2&title=qui%20est%20esse', '/posts?userId=99',
  '/comments?postId=7', '/comments/?postId=7', '/comments/1', '/comments?postId=1&postId=100',
  '/comments?email=Eliseo@gardner.biz', '/posts/1/comments', '/posts/1/comments/', '/posts/100/comments',
  '/posts?_page=2&_limit=5', '/posts?_page=3', '/posts?_page=11', '/comments?postId=7&_page=1&_limit=2',
  '/posts?_start=3&_end=6', '/posts?_start=95&_limit=10', '/posts?_limit=3', '/posts?_end=2',
  '/posts?_sort=userId&_order=DESC&_limit=12', '/posts?_sort=title&_limit=5', '/posts?_sort=title&_order=DESC&_limit=5',
  '/comments?_sort=email&_limit=5', '/comments?postId=7&_sort=name&_order=DESC',
  '/posts?userId=4&_sort=title&_order=DESC&_page=2&_limit=3', '/posts/1/comments?_sort=email&_limit=2',
  '/posts/999', '/comments/9999'
]

const server = spawn(process.execPath, [path.join(__dirname, 'node_modules', 'jsonplaceholder', 'index.js')],
  { env: { ...process.env, PORT: port, NODE_ENV: 'production' }, stdio: 'ignore' })

async function main () {
  const base = 'http://127.0.0.1:' + port
  for (let i = 0; ; i++) {
    try { await fetch(base + '/posts/1'); break } catch (e) {
      if (i > 50) throw e
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }
  const answers = []
  for (const request of requests) {
    const res = await fetch(base + request)
    answers.push({
      request,
      status: res.status,
      totalCount: res.headers.get('x-total-count'),
      body: await res.json()
    })
  }
  const data = require('./node_modules/jsonplaceholder/data.json')
  fs.writeFileSync(path.join(out, 'jsonplaceholder-data.json'),
    JSON.stringify({ posts: data.posts, comments: data.comments }, null, 1) + '\n')
  fs.writeFileSync(path.join(out, 'jsonplaceholder-answers.json'),
    '[\n' + answers.map(a => JSON.stringify(a)).join(',\n') + '\n]\n')
  console.log('recorded ' + answers.length + ' answers into ' + out)
}

main().then(() => server.kill(), e => { server.kill(); console.error(e); process.exit(1) })
