import { describe, expect, it } from 'vitest';
import { apiHeapArgs, apiWorkersFromEnv, engineThreadsFromEnv } from './sizing';

describe('API workers and model threads per host', () => {
  it('defaults to one API worker per core and about one model thread per core in all', () => {
    expect(apiWorkersFromEnv({}, 2)).toBe(2);
    expect(engineThreadsFromEnv({}, 2)).toBe(1);
    expect(engineThreadsFromEnv({ API_WORKERS: '1' }, 2)).toBe(2);
    expect(engineThreadsFromEnv({ API_WORKERS: '3' }, 8)).toBe(2);
    expect(engineThreadsFromEnv({ API_WORKERS: '4' }, 2)).toBe(1);
    expect(engineThreadsFromEnv({ API_WORKERS: '2', ENGINE_THREADS: '3' }, 2)).toBe(3);
  });

  it('refuses a value that is not a positive integer', () => {
    expect(() => apiWorkersFromEnv({ API_WORKERS: '0' }, 2)).toThrow('API_WORKERS must be a positive integer, got 0');
    expect(() => engineThreadsFromEnv({ ENGINE_THREADS: '1.5' }, 2)).toThrow('ENGINE_THREADS must be a positive integer, got 1.5');
    expect(() => engineThreadsFromEnv({ API_WORKERS: 'many' }, 2)).toThrow('API_WORKERS must be a positive integer, got many');
    expect(() => apiHeapArgs({ API_HEAP_MB: '-1' })).toThrow('API_HEAP_MB must be a positive integer, got -1');
  });

  it('gives an API process 128 MB of old generation before its first full collection, or API_HEAP_MB', () => {
    expect(apiHeapArgs({})).toEqual(['--initial-old-space-size=128']);
    expect(apiHeapArgs({ API_HEAP_MB: '512' })).toEqual(['--initial-old-space-size=512']);
  });
});
