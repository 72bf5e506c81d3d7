export interface RequestLogLine {
  requestId: string;
  accountId: number | null;
  action: string | null;
  /** 'OK' or the error code answered. */
  outcome: string;
  latencyMs: number;
}

export type RequestLog = (line: RequestLogLine) => void;

/**
 * One JSON line per answer. Lines are gathered and written once per event-loop turn:
 * a synchronous write per request would cost the hot path more than the request's SQL.
 */
export function createRequestLog(write: (chunk: string) => void = (chunk) => process.stdout.write(chunk)): RequestLog {
  let pending: string[] = [];
  const flush = () => {
    const chunk = pending.join('');
    pending = [];
    write(chunk);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`${JSON.stringify({ t: new Date().toISOString(), ...line })}\n`);
  };
}
