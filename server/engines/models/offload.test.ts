import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../decode';
import { detectObjects, detectObjectsInProcess } from './detector';
import { classifyNsfw, classifyNsfwInProcess } from './nsfw';
import { stopInferenceWorker, startInferenceWorker } from './offload';

const photo = (name: string) => decodeImage(readFileSync(path.join(__dirname, '..', 'fixtures', name)));

afterAll(() => stopInferenceWorker());

/** The longest time the event loop went without running a 1 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await work();
  clearInterval(timer);
  return Math.round(Math.max(longest, performance.now() - last));
}

describe('inference worker', () => {
  it('gives the same answers as running the models in-process, off the event loop', async () => {
    const car = await photo('car.jpg');
    const here = await detectObjectsInProcess(car);
    const nsfwHere = await classifyNsfwInProcess(car);

    const inProcessStall = await longestStall(() => detectObjectsInProcess(car));
    startInferenceWorker();
    let there: Awaited<ReturnType<typeof detectObjects>> | undefined;
    let nsfwThere: Awaited<ReturnType<typeof classifyNsfw>> | undefined;
    const workerStall = await longestStall(async () => {
      [there, nsfwThere] = await Promise.all([detectObjects(car), classifyNsfw(car)]);
    });

    expect(there!.detections.map((d) => [d.cls.en, d.score.toFixed(4)])).toEqual(here.detections.map((d) => [d.cls.en, d.score.toFixed(4)]));
    expect(there!.detections.length).toBeGreaterThan(0);
    expect(nsfwThere!.Neutral).toBeCloseTo(nsfwHere.Neutral, 5);
    // Inference in-process holds the event loop for the whole model run; with the worker
    // the main thread only copies the image across.
    expect(workerStall).toBeLessThan(inProcessStall / 2);
  }, 60_000);
});
