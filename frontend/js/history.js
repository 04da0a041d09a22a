// A room's stored messages over HTTP: GET /api/rooms/{room}/messages, paged backwards.

/**
 * Fetch a page of a room's history: the newest messages, or those before seq `before`.
 * Resolves with { messages (oldest first), hasMore }; a room that does not exist yet has
 * none and missing: true (a public room is opened when joined). Rejects with an Error
 * carrying the HTTP status and the server's error code, or without status when the
 * server could not be reached.
 */
export async function fetchHistory(room, { before, limit = 50 } = {}) {
  const query = new URLSearchParams({ limit });
  if (before) {
    query.set('before', before);
  }
  const response = await fetch(`/api/rooms/${encodeURIComponent(room)}/messages?${query}`,
    { headers: { Accept: 'application/json' } });
  if (response.status === 404) {
    return { messages: [], hasMore: false, missing: true };
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw Object.assign(new Error(body.message || `HTTP ${response.status}`),
      { status: response.status, code: body.code });
  }
  return response.json();
}
