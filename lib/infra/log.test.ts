import { describe, expect, it } from "vitest";
import { createLogger, readableLine } from "./log";

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (l: string) => void lines.push(l) } };
}

describe("log", () => {
  it("writes JSON lines and never a token, password or body", () => {
    const { lines, stream } = capture();
    const log = createLogger(stream).child({ component: "auth" });
    log.warn({ requestId: "r1", token: "tok-SECRET", password: "hunter2", mail: { text: "hello body", to: "a@example.com" } }, "refused");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 40, msg: "refused", component: "auth", requestId: "r1", token: "[redacted]", password: "[redacted]" });
    expect(entry.mail).toEqual({ text: "[redacted]", to: "a@example.com" });
    expect(lines[0]).not.toMatch(/tok-SECRET|hunter2|hello body/);
  });

  it("reads well in development", () => {
    const line = readableLine(JSON.stringify({ level: 40, time: Date.UTC(2030, 0, 1, 12, 0, 1), pid: 1, component: "jobs", msg: "retry", jobId: "j1", attempt: 2 }));
    expect(line).toBe("12:00:01 warn  [jobs] retry jobId=j1 attempt=2\n");
  });
});
