// Diary service worker: makes the diary installable and opens its shell without a network (R-DIA, issue 5 PWA).
// It caches only the application shell (index.html, hashed assets, icons, manifest). It never caches /api/: marks, names and
// messages stay on the server, so nothing personal is left on a shared phone after sign-out.
const SHELL = 'otmetka-diary-shell-v1';
const PRECACHE = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('otmetka-diary-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // Network first, so a new build is picked up at once; the cached shell when offline.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(SHELL).then((cache) => cache.put('/', copy));
          }
          return res;
        })
        .catch(() => caches.match('/').then((cached) => cached ?? Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    // Hashed assets never change: cache first, filled on first use.
    event.respondWith(
      caches.match(req).then((cached) => cached ?? fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(SHELL).then((cache) => cache.put(req, copy));
        }
        return res;
      })),
    );
  }
});
