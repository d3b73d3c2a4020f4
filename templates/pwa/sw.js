/* Tisseurs service worker (docs/offline.md), served at /sw.js by tisseurs/pwa.py.
   - Static files: cache-first when their name carries a content hash (production),
     network-first otherwise (development), kept for offline use either way.
   - The relais' own pages (listed in CONFIG.pages): network-first; the last copy
     opens when there is no network. Nothing else is ever cached: no staff page,
     no file, no answer to a POST.
   - The page scripts clear these caches when the relais signs out. */
"use strict";

const CONFIG = {{ config|safe }};
const STATIC_CACHE = "tisseurs-static-" + CONFIG.version;
const PAGES_CACHE = "tisseurs-pages";
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
// Pages vary on the cookie and the language; offline, the last copy is the one.
const ANY = { ignoreVary: true };
const ANY_QUERY = { ignoreVary: true, ignoreSearch: true };
// The situation form of an outing still in the outbox, whatever its key.
const PENDING_SITUATION = new RegExp(
  "^" + CONFIG.pendingSituation.replace("00000000-0000-0000-0000-000000000000", "[0-9a-f-]{36}") + "$"
);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then((cache) => cache.addAll(CONFIG.static))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith("tisseurs-static-") && name !== STATIC_CACHE)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

function isPage(url) {
  return CONFIG.pages.some((prefix) => url.pathname.startsWith(prefix));
}

function isOwnAnswer(request, response) {
  // A redirect (to the login page, say) is not the page asked for.
  // Only a relais' own pages say X-Tisseurs-Offline (tisseurs/middleware.py):
  // a staff page or a file is never kept.
  return response.ok && !response.redirected &&
    new URL(response.url).pathname === new URL(request.url).pathname &&
    response.headers.get("X-Tisseurs-Offline") === "relais" &&
    (response.headers.get("Content-Type") || "").startsWith("text/html");
}

async function networkFirstPage(request) {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    if (isOwnAnswer(request, response)) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const pending = PENDING_SITUATION.test(new URL(request.url).pathname) &&
      await cache.match(CONFIG.pendingSituation, ANY);
    return pending || (await cache.match(request, ANY)) ||
      (await cache.match(request, ANY_QUERY)) ||
      (await cache.match(CONFIG.fallback, ANY)) ||
      Response.error();
  }
}

async function staticFile(request, url) {
  const cache = await caches.open(STATIC_CACHE);
  if (HASHED.test(url.pathname)) {
    const cached = await cache.match(request, ANY);
    if (cached) {
      return cached;
    }
  }
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    return (await cache.match(request, ANY_QUERY)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(staticFile(request, url));
  } else if (request.mode === "navigate" && isPage(url)) {
    event.respondWith(networkFirstPage(request));
  }
});

// One page after the other, only those not kept yet: a light load on the server.
async function warm(paths) {
  const cache = await caches.open(PAGES_CACHE);
  for (const path of paths) {
    if (!isPage(new URL(path, self.location.origin)) || await cache.match(path, ANY)) {
      continue;
    }
    const request = new Request(path, { credentials: "same-origin" });
    const response = await fetch(request).catch(() => null);
    if (response && isOwnAnswer(request, response)) {
      await cache.put(path, response);
    }
  }
}

// The page asks for the relais pages to be ready offline ("warm"), or for the
// cached pages to go (signing out, another person signing in).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "warm") {
    event.waitUntil(warm(data.urls || []));
  } else if (data.type === "clear") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});
