/**
 * What the API reads on every request (a key by its SecretId, an account's gate), kept in
 * memory and re-read all together by `refresh()`, which the gateway runs in the background
 * every half second. A request waits on the database only the first time it names a key or
 * an account this process has not seen; afterwards a change made elsewhere (a key disabled,
 * an account activated or out of arrears) reaches it at the next refresh.
 */
export interface SnapshotCache<K, V> {
  get(key: K): V | Promise<V>;
  refresh(): Promise<void>;
}

/** Rows re-read per query by a refresh. */
const REFRESH_CHUNK = 500;

/**
 * `loadMany` reads the given keys' current values; a key it does not return is `missing`
 * (cached too, so unknown SecretIds are not looked up again until the next refresh). The
 * cache is emptied when it would exceed `maxEntries`, bounding memory under random keys.
 */
export function snapshotCache<K, V>(loadMany: (keys: K[]) => Promise<Map<K, V>>, missing: V, maxEntries = 10_000): SnapshotCache<K, V> {
  let snapshot = new Map<K, V>();
  const loading = new Map<K, Promise<V>>();

  function remember(key: K, value: V) {
    if (snapshot.size >= maxEntries) snapshot = new Map();
    snapshot.set(key, value);
  }

  function load(key: K): Promise<V> {
    const value = loadMany([key]).then((found) => {
      const v = found.has(key) ? found.get(key)! : missing;
      remember(key, v);
      return v;
    });
    // Concurrent first requests for one key share a single read.
    loading.set(key, value);
    return value.finally(() => loading.delete(key));
  }

  return {
    get(key) {
      if (snapshot.has(key)) return snapshot.get(key)!;
      return loading.get(key) ?? load(key);
    },
    async refresh() {
      const keys = [...snapshot.keys()];
      const next = new Map<K, V>();
      for (let i = 0; i < keys.length; i += REFRESH_CHUNK) {
        const chunk = keys.slice(i, i + REFRESH_CHUNK);
        const found = await loadMany(chunk);
        for (const key of chunk) next.set(key, found.has(key) ? found.get(key)! : missing);
      }
      // Keys first loaded while this refresh ran keep what they read.
      for (const [key, value] of snapshot) if (!next.has(key)) next.set(key, value);
      snapshot = next;
    },
  };
}
