import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

// TensorFlow.js on its WASM backend. The .wasm binaries and every model are files inside
// installed npm packages: nothing is downloaded, at install or at run time.

const require_ = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package. */
export function packageFile(pkg: string, ...rel: string[]): string {
  // Not require.resolve(`${pkg}/package.json`): packages with an "exports" map may hide it.
  for (const dir of require_.resolve.paths(pkg) ?? []) {
    const root = path.join(dir, pkg);
    if (existsSync(path.join(root, 'package.json'))) return path.join(root, ...rel);
  }
  throw new Error(`package ${pkg} is not installed`);
}

let ready: Promise<typeof tf> | null = null;

/** The WASM backend, set up once per process. */
export function tfReady(): Promise<typeof tf> {
  ready ??= (async () => {
    // Emscripten reads a plain path prefix with fs in Node; it must end with a separator.
    setWasmPaths(packageFile('@tensorflow/tfjs-backend-wasm', 'dist') + path.sep);
    tf.env().set('PROD', true);
    if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js WASM backend failed to initialise');
    await tf.ready();
    return tf;
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

/** An IOHandler reading a TFJS graph model (model.json + its weight files) from disk. */
export function fileModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = path.dirname(modelJsonPath);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(await readFile(path.join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

/** Caches a model promise per process; a failed load is retried on the next call. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => {
    if (!cached) {
      cached = load();
      cached.catch(() => {
        cached = null;
      });
    }
    return cached;
  };
}
