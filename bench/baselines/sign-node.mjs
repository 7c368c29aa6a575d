// The pure-JS alternative to `signAuthV2`: AUTH.md's auth-v2 with node:crypto, same inputs, same
// output in AUTH.md's profile B (signed headers: host only; no query line without parameters).
import { createHmac } from "node:crypto";

/**
 * AUTH.md normalize(): UTF-8 bytes; A-Z a-z 0-9 - . _ ~ stay, every other byte becomes %XX with
 * upper-case hex. The idiomatic JS way: encodeURIComponent (already UTF-8, upper hex) plus the
 * five characters it leaves alone that auth-v2 escapes.
 */
export const normalize = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function signAuthV2Node({ accessKey, secretKey, method, path, host, body, timestamp }) {
  const signedHeaders = "host";
  const prefix = `auth-v2/${accessKey}/${timestamp}/${signedHeaders}`;
  let canonical = `${method}\n${path}\n${signedHeaders}\nhost:${normalize(host)}\n`;
  if (body !== undefined && body !== null) canonical += normalize(body);
  const signingKey = createHmac("sha256", secretKey).update(prefix).digest("hex");
  const signature = createHmac("sha256", signingKey).update(canonical).digest("hex");
  return `${prefix}/${signature}`;
}
