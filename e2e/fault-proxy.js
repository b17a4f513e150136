// A small fault-injecting HTTP proxy for the e2e tests: forwards every request to the target (json-server)
// except the faults it is told to inject.
//   node fault-proxy.js <listen port> <target port>
// Faults, set and cleared at run time through its own endpoints (never forwarded):
//   POST /__faults/refuse?path=/posts/3   every request to that path answers 500, nothing is forwarded
//   POST /__faults/store-then-504?title=T the next POST whose JSON body has title T is forwarded (the target
//                                         stores it) and answered 504 instead of the target's answer
//   POST /__faults/clear                  no more faults
//   GET  /__faults                        what was injected so far
const http = require('http');

const [listenPort, targetPort] = process.argv.slice(2).map(Number);
const refused = new Set();
const storeThen504 = new Set();
const injected = [];

function forward(req, body, answer) {
  const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url,
    headers: { ...req.headers, host: `127.0.0.1:${targetPort}` } }, res => {
    const chunks = [];
    res.on('data', c => chunks.push(c)).on('end', () => answer(res.statusCode, res.headers, Buffer.concat(chunks)));
  });
  upstream.on('error', e => answer(502, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ error: e.message }))));
  upstream.end(body);
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c)).on('end', () => {
    const body = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://proxy');
    const send = (status, headers, payload) => {
      res.writeHead(status, headers);
      res.end(payload);
    };
    if (url.pathname.startsWith('/__faults')) {
      if (url.pathname === '/__faults/refuse') refused.add(url.searchParams.get('path'));
      if (url.pathname === '/__faults/store-then-504') storeThen504.add(url.searchParams.get('title'));
      if (url.pathname === '/__faults/clear') { refused.clear(); storeThen504.clear(); }
      return send(200, { 'content-type': 'application/json' },
        JSON.stringify({ refused: [...refused], storeThen504: [...storeThen504], injected }));
    }
    if (refused.has(url.pathname)) {
      injected.push(`500 ${req.method} ${url.pathname}`);
      return send(500, { 'content-type': 'application/json' }, JSON.stringify({ error: 'refused by the fault proxy' }));
    }
    let title;
    if (req.method === 'POST') {
      try { title = JSON.parse(body.toString('utf8')).title; } catch (e) { title = undefined; }
    }
    if (title !== undefined && storeThen504.has(title)) {
      storeThen504.delete(title);
      return forward(req, body, (status, headers, payload) => {
        injected.push(`504 after ${status} ${req.method} ${url.pathname} ${payload.toString('utf8').replace(/\s+/g, ' ')}`);
        send(504, { 'content-type': 'text/plain' }, 'gateway timeout (injected after the target stored it)');
      });
    }
    forward(req, body, (status, headers, payload) => {
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      delete headers['connection'];
      send(status, headers, payload);
    });
  });
}).listen(listenPort, '127.0.0.1');
