/* global self */
/* Kindred's service worker: makes the app installable and shows Web Push notifications.
 * It caches nothing: on a shared phone, pages a member read must not stay on the device.
 * A push says only what the server put in it (discreet by default: "Kindred" / "You have a new
 * reply"); a tap opens Kindred's notification centre. */

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = { title: 'Kindred', body: 'You have a new notification', url: '/notifications', tag: 'kindred' };
  try {
    if (event.data) data = { ...data, ...event.data.json() };
  } catch {
    /* a payload we cannot read still shows the discreet line */
  }
  const url = typeof data.url === 'string' && data.url.startsWith('/') ? data.url : '/notifications';
  event.waitUntil(
    self.registration.showNotification(String(data.title), {
      body: String(data.body),
      tag: String(data.tag),
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/notifications';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus().then((w) => w.navigate(url));
      return self.clients.openWindow(url);
    }),
  );
});
