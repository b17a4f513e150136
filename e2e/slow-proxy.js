// A loopback proxy in front of a peer that answers the collections (GET /posts, GET /comments) only after a
// delay, so that a test can act while the service's first import is still reading them. Everything else passes
// straight through. Usage: node slow-proxy.js <listen port> <peer port> <delay ms>
const http = require("http");
const [listenPort, peerPort, delayMs] = process.argv.slice(2).map(Number);
http.createServer((request, response) => {
  const slow = request.method === "GET" && /^\/(posts|comments)\/?(\?.*)?$/.test(request.url);
  setTimeout(() => {
    const upstream = http.request({ host: "127.0.0.1", port: peerPort, path: request.url, method: request.method,
      headers: request.headers }, answer => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", e => { response.writeHead(502); response.end(String(e)); });
    request.pipe(upstream);
  }, slow ? delayMs : 0);
}).listen(listenPort, "127.0.0.1");
