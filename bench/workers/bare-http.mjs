// B1′: the same response bytes from a bare node:http server — the physical bound for B1.
import http from 'node:http';
import { serve } from '../lib/workers.mjs';

let server = null;

serve({
  async listen({ body, contentType }) {
    const bytes = Buffer.from(body, 'base64');
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
      res.end(bytes);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: server.address().port, pid: process.pid };
  },
});
