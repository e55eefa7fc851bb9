// The host's address as an officer types it: "192.168.1.10", "may-chu:8765",
// "http://may-chu:8765/" all mean "http://<host>:<port>", the port 8765 unless given.

export const DEFAULT_PORT = 8765;

export function normaliseHost(raw: string): string | null {
  let a = raw.trim().replace(/\/+$/, '');
  if (!a || /^https?:$/i.test(a)) return null;
  if (!/^https?:\/\//i.test(a)) a = `http://${a}`;
  try {
    const url = new URL(a);
    if (!url.hostname) return null;
    if (!url.port) url.port = String(DEFAULT_PORT);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
