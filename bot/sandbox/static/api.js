// Talking to the sandbox server: JSON in, JSON out, errors as exceptions with the server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error || response.statusText);
  return data;
}

export const get = (path) => call("GET", path);
export const post = (path, body = {}) => call("POST", path, body);

export const state = () => get("/api/state");
export const transcript = (chatId) => get(`/api/chats/${chatId}/messages`);
export const changes = (epoch, since) => get(`/api/changes?epoch=${encodeURIComponent(epoch)}&since=${since}&timeout=25`);
export const send = (chatId, text) => post(`/api/chats/${chatId}/send`, { text });
export const press = (chatId, messageId, data) => post(`/api/chats/${chatId}/press`, { message_id: messageId, data });
export const openLink = (chatId, url) => post(`/api/chats/${chatId}/link`, { url });
export const media = (chatId, body) => post(`/api/chats/${chatId}/media`, body);
export const advance = (minutes) => post("/api/clock/advance", { minutes });
export const nextEvent = () => post("/api/clock/next");
export const reset = () => post("/api/reset");
