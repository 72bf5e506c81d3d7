// One process of machine-pair.ts: on { body }, keeps the body; on { ms }, repeats a call's
// CPU-only work (bench/api/machine-pair.ts) for ms of wall time and answers how many times.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

let body = '';
let deflated = Buffer.alloc(0);

function callWork() {
  const { ImageBase64 } = JSON.parse(body);
  crypto.createHash('sha256').update(body).digest('hex');
  crypto.createHmac('sha256', 'machine-pair').update(body).digest('hex');
  const png = Buffer.from(ImageBase64, 'base64');
  return zlib.inflateSync(deflated).length + png.length;
}

process.on('message', (m) => {
  if (m.body !== undefined) {
    body = m.body;
    deflated = zlib.deflateSync(Buffer.from(JSON.parse(body).ImageBase64, 'base64'));
    process.send({ ready: true });
    return;
  }
  const end = performance.now() + m.ms;
  let ops = 0;
  while (performance.now() < end) for (let i = 0; i < 20; i++, ops++) callWork();
  process.send({ ops });
});
