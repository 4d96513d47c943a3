// The deck's service worker: after one visit, the deck, its images and the reading view work
// offline. Written by .ci/finish-page at build time (the Trunk post-build hook), which fills in
// the build's own file list and id, so one build's files are cached together and never mixed
// with another's. Pages are fetched network-first (a new deploy shows on the next load, with its
// own hashed files); everything else comes from this build's cache first.
const BUILD = "__BUILD__";
const FILES = __FILES__;
const CACHE = `cppg-deck-${BUILD}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(["./", ...FILES])).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("cppg-deck-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // Any view (?view=read, ?print, …) is the same page: offline, this build's copy of it.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match("./"))),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))),
  );
});
