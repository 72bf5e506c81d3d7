/**
 * Waits for a moment shared by several test processes, so that they contend for the
 * database together: a timer to shortly before, then a spin (a timer alone would add its
 * own latency, different in each process).
 */
export async function untilStartLine(startAt: number): Promise<void> {
  const early = startAt - Date.now() - 20;
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  while (Date.now() < startAt) {
    // spin
  }
}
