import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

// The fixture photos (server/engines/fixtures/SOURCES.md) for face tests.

export const fixturePhoto = (name: string): Buffer => readFileSync(path.join(process.cwd(), 'server', 'engines', 'fixtures', name));

/** astronaut.jpg mirrored, smaller, brighter and recompressed: enrolled as the reference, so a request with the original is not the reference image itself. */
export function alteredAstronaut(): Promise<Buffer> {
  return sharp(fixturePhoto('astronaut.jpg')).flop().resize(400).modulate({ brightness: 1.15 }).jpeg({ quality: 70 }).toBuffer();
}
