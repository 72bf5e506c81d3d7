// The demo account's own API requests (npm run demo, docs/demo.md): an API key, and a
// morning of real signed requests — successes and the failures a customer meets — sent
// to an in-process API server on a loopback port, so they are authenticated, metered and
// written to 请求日志 by the same gateway code as any SDK call.
import type { AddressInfo } from 'node:net';
import type { Db } from '@/db/client';
import { createApiKey } from '@/server/api-keys/keys';
import { serverSecretBox } from '@/server/api-keys/server-key';
import { gradientImage, shapesImage } from '@/server/engines/sample-images';
import { sendExplorerCall } from '@/server/explorer/send';
import { createGateway } from '@/server/gateway/gateway';
import { createApiServer } from '@/server/gateway/http-server';

type Call = { action: string; params: Record<string, unknown> };

/** What the customer's integration sends: mostly good calls, and the mistakes of a day. */
async function demoCalls(): Promise<Call[]> {
  const photo = (await shapesImage(320, 240, 'jpeg')).toString('base64');
  const banner = (await gradientImage(640, 200, 'png')).toString('base64');
  const good: Call[] = [
    { action: 'AssessQuality', params: { ImageBase64: photo } },
    { action: 'CropImage', params: { ImageBase64: photo, Width: 100, Height: 100 } },
    { action: 'AssessQuality', params: { ImageBase64: banner } },
    { action: 'CropImage', params: { ImageBase64: banner, Width: 300, Height: 200 } },
    { action: 'EnhanceImage', params: { ImageBase64: photo } },
  ];
  const failures: Call[] = [
    // Not an image: the decode fails and the answer carries its error code.
    { action: 'AssessQuality', params: { ImageBase64: Buffer.from('not an image at all').toString('base64') } },
    // A required parameter left out.
    { action: 'CropImage', params: { ImageBase64: photo, Width: 100 } },
    // A misspelt action.
    { action: 'AssessQualty', params: { ImageBase64: photo } },
  ];
  // 24 good requests with the 3 failures among them, in a fixed order.
  const calls: Call[] = [];
  for (let i = 0; i < 24; i++) {
    calls.push(good[i % good.length]);
    if (i % 8 === 5) calls.push(failures[(i - 5) / 8]);
  }
  return calls;
}

export async function sendDemoRequests(db: Db, accountId: number, now: number): Promise<{ ok: number; failed: number }> {
  const box = serverSecretBox();
  const { key } = await createApiKey(db, { accountId, box, now });
  const gateway = await createGateway(db, { box });
  const server = createApiServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  let ok = 0;
  let failed = 0;
  try {
    // One after another: the default QPS limit stays far away, and the log keeps their order.
    for (const call of await demoCalls()) {
      const answer = await sendExplorerCall(db, box, apiUrl, { accountId, keyId: key.id, ...call });
      if ((answer.response as { Response?: { Error?: unknown } }).Response?.Error) failed += 1;
      else ok += 1;
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.stop(); // flushes the 请求日志 buffer
  }
  return { ok, failed };
}
