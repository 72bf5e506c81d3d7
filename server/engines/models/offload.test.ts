import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../decode';
import { detectObjects, detectObjectsInProcess, type DetectorOutput } from './detector';
import { classifyNsfw, classifyNsfwInProcess } from './nsfw';
import { offload, stopInferenceWorker, startInferenceWorker } from './offload';

// How long the event loop stalls with and without the worker is measured by
// bench/engines/offload.ts; here, that the worker does the work and answers the same.

const photo = (name: string) => decodeImage(readFileSync(path.join(__dirname, '..', 'fixtures', name)));

afterAll(() => stopInferenceWorker());

const notOnTheMainThread = () => Promise.reject(new Error('the model ran on the main thread'));

describe('inference worker', () => {
  it('gives the same answers as running the models in-process, computed in the worker', async () => {
    const car = await photo('car.jpg');
    const here = await detectObjectsInProcess(car);
    const nsfwHere = await classifyNsfwInProcess(car);

    startInferenceWorker();
    const [there, nsfwThere, direct] = await Promise.all([detectObjects(car), classifyNsfw(car), offload<DetectorOutput>('detect', car, notOnTheMainThread)]);

    const summary = (out: DetectorOutput) => out.detections.map((d) => [d.cls.en, d.score.toFixed(4)]);
    expect(summary(there)).toEqual(summary(here));
    expect(summary(direct)).toEqual(summary(here));
    expect(there.detections.length).toBeGreaterThan(0);
    expect(nsfwThere.Neutral).toBeCloseTo(nsfwHere.Neutral, 5);
  }, 60_000);
});
