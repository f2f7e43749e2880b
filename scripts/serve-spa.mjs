#!/usr/bin/env node
// Tiny static server for a built SPA (node:http only): serves files from a directory, falls back to
// index.html for client-side routes, and proxies /api/* to the API so the SPA calls it same-origin.
//
//   node scripts/serve-spa.mjs apps/journal/dist 5173 [http://127.0.0.1:3000]
//
// or programmatically: `const { url, close } = await serveSpa({ root, port: 0, apiTarget })`.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

// Hop-by-hop headers are meaningful for one connection only and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
]);

function problem(res, status, title, detail) {
  if (res.headersSent) return res.destroy();
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Forwards the request unchanged (method, path, headers, body) and streams the answer back (status, headers, body). */
function proxy(req, res, target, agent) {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
  const remote = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = req.headers['x-forwarded-for']
    ? `${req.headers['x-forwarded-for']}, ${remote}`
    : remote;
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  headers['x-forwarded-proto'] ??= 'http';
  const lib = target.protocol === 'https:' ? https : http;
  const upstream = lib.request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: (target.pathname.replace(/\/$/, '') || '') + req.url,
      headers,
      agent,
    },
    (up) => {
      // rawHeaders keeps repeated headers (several Set-Cookie) exactly as the API sent them.
      const raw = [];
      for (let i = 0; i < up.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(up.rawHeaders[i].toLowerCase())) raw.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
      }
      res.writeHead(up.statusCode ?? 502, up.statusMessage, raw);
      up.pipe(res);
      up.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (e) =>
    problem(res, 502, 'Bad Gateway', `API at ${target.origin} is not reachable: ${e.message}`),
  );
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function sendFile(req, res, file, st, { immutable }) {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const headers = {
    'content-type': type,
    etag,
    'last-modified': st.mtime.toUTCString(),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  headers['content-length'] = st.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server. Options: root (directory with index.html), port (0 = any free port), host (default: all
 * interfaces), apiTarget (origin of the API, default http://127.0.0.1:3000; null disables the proxy),
 * apiPrefix (default '/api/'). Resolves once listening with { server, port, url, close }.
 */
export async function serveSpa({
  root,
  port = 0,
  host,
  apiTarget = 'http://127.0.0.1:3000',
  apiPrefix = '/api/',
} = {}) {
  const dir = resolve(root);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} does not exist: build the SPA first`);
  const target = apiTarget ? new URL(apiTarget) : null;
  const agent = target
    ? new (target.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets: 64 })
    : undefined;

  const server = http.createServer((req, res) => {
    const rawPath = (req.url ?? '/').split('?')[0];
    if (target && (rawPath.startsWith(apiPrefix) || rawPath === apiPrefix.replace(/\/$/, '')))
      return proxy(req, res, target, agent);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return problem(res, 405, 'Method Not Allowed', `${req.method} is not allowed on static files`);
    }
    let path;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return problem(res, 400, 'Bad Request', 'Malformed URL');
    }
    if (path.includes('\0')) return problem(res, 400, 'Bad Request', 'Malformed URL');
    const file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep))
      return problem(res, 403, 'Forbidden', 'Path outside the site');
    let st;
    try {
      st = statSync(file);
      if (st.isDirectory()) {
        const nested = join(file, 'index.html');
        st = statSync(nested);
        return sendFile(req, res, nested, st, { immutable: false });
      }
    } catch {
      st = undefined;
    }
    if (st) return sendFile(req, res, file, st, { immutable: /\/assets\//.test(path) });
    // A missing file that looks like an asset is a 404; any other path is a client-side route → index.html.
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (extname(path) && !wantsHtml) return problem(res, 404, 'Not Found', `${path} not found`);
    return sendFile(req, res, index, statSync(index), { immutable: false });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://localhost:${actual}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
        agent?.destroy();
      }),
  };
}

// CLI: node scripts/serve-spa.mjs <dir> <port> [apiTarget]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir, portArg, apiArg] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/serve-spa.mjs <dist-dir> [port] [api-origin]');
    process.exit(2);
  }
  const apiTarget = apiArg ?? process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
  serveSpa({ root: dir, port: Number(portArg ?? 5173), host: process.env.SPA_HOST || undefined, apiTarget })
    .then(({ url, close }) => {
      console.log(`Serving ${dir} on ${url} (/api → ${apiTarget})`);
      const stop = () => close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
