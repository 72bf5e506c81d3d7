import { parentPort } from 'node:worker_threads';
import { detectObjectsInProcess } from './detector';
import { detectFacesInProcess } from './faces';
import { classifyNsfwInProcess } from './nsfw';
import type { InferenceOp, InferenceReply, InferenceRequest, ModelInput } from './offload';

// The API server's model thread: one request at a time, models loaded once, on first use.

const RUN: Record<InferenceOp, (input: ModelInput) => Promise<unknown>> = {
  detect: detectObjectsInProcess,
  nsfw: classifyNsfwInProcess,
  faces: detectFacesInProcess,
};

parentPort!.on('message', async ({ id, op, input }: InferenceRequest) => {
  let reply: InferenceReply;
  try {
    reply = { id, result: await RUN[op](input) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
