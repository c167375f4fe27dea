import { IncomingMessage } from "node:http";
import { SERVER_ACTION_BODY_LIMIT } from "./http";

/*
 * The server-action body limit for a body that declares no size (Transfer-Encoding: chunked).
 * serverActionRefusal (http.ts) refuses a declared Content-Length over the limit before Next.js
 * sees the request; a chunked body over it reached Next.js, which answered 500. scripts/serve.ts
 * reads such a body here first, up to the limit: over it, the same 413 page; within it, Next.js
 * gets a request carrying that body with its length. Browsers send a length with every form
 * post, so this path is for hand-made clients and unusual proxies only.
 */

/** A POST outside /api/ (where only server actions are posted) whose body declares no length. */
export function isUnsizedActionPost(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (req.method !== "POST" || (req.url ?? "/").startsWith("/api/")) return false;
  return req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined;
}

/**
 * Reads the body, keeping at most `limit` bytes: the body, or null when it was longer (the
 * rest is read and dropped, so the client sees the answer rather than a reset; a body past
 * `cutOff` ends the connection).
 */
export function readBodyWithin(req: IncomingMessage, limit = SERVER_ACTION_BODY_LIMIT, cutOff = 64 * 1024 * 1024): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (received > cutOff) {
        req.destroy();
        resolve(null);
      }
    });
    req.on("end", () => resolve(received <= limit ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

/** The request again, its body the bytes read (now with their length), for Next.js to handle. */
export function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : v === undefined ? [] : [k, v]));
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}
