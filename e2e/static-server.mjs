// A minimal static file server that serves a built site under a sub-path, the way GitHub Pages
// serves a project site at /<repo>/. Used by Playwright for the base-path build:
//   node e2e/static-server.mjs <dir> <port> <base>
// Directories redirect to their trailing-slash form and serve index.html; unknown paths get the
// site's 404.html with status 404; anything outside <base> is a plain 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const [dirArg = 'dist-base', portArg = '4322', baseArg = '/'] = process.argv.slice(2);
const root = path.resolve(dirArg);
const port = Number(portArg);
const base = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

async function fileAt(p) {
  try {
    const s = await stat(p);
    return s;
  } catch {
    return null;
  }
}

async function send(res, status, file, method) {
  const body = await readFile(file);
  res.writeHead(status, {
    'content-type': types[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-cache',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

async function notFound(res, method) {
  const page = path.join(root, '404.html');
  if (await fileAt(page)) return send(res, 404, page, method);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

const server = createServer(async (req, res) => {
  try {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    if (`${pathname}/` === base) {
      res.writeHead(301, { location: base + url.search });
      return res.end();
    }
    if (!pathname.startsWith(base)) return notFound(res, method);
    const rel = pathname.slice(base.length);
    const file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, method);
    const info = await fileAt(file);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      const index = path.join(file, 'index.html');
      if (await fileAt(index)) return send(res, 200, index, method);
      return notFound(res, method);
    }
    if (info?.isFile()) return send(res, 200, file, method);
    // GitHub Pages also serves /page for /page.html.
    if (await fileAt(`${file}.html`)) return send(res, 200, `${file}.html`, method);
    return notFound(res, method);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(String(error));
  }
});

server.listen(port, 'localhost', () => {
  console.log(`Serving ${root} at http://localhost:${port}${base}`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)));
