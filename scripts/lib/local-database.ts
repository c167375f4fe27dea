const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Whether a postgres:// URL names a server on this machine (TCP loopback or a Unix socket). */
export function isLocalDatabaseUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // postgres:///db?host=/var/run/postgresql is a Unix socket: local by definition.
  const socketHost = parsed.searchParams.get("host");
  if (socketHost !== null) return parsed.hostname === "" && socketHost.startsWith("/");
  return LOCAL_HOSTS.has(parsed.hostname);
}

/** `url` with its host and port replaced by a loopback port (a proxy or pooler in front of it). */
export function atLoopbackPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}
