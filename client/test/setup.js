// What the browser modules expect of the page, for Node: a document to dispatch events on, and storage.

/** A Storage in memory. */
export class MemoryStorage {
  /** @type {Map<string, string>} */
  items = new Map();
  get length() {
    return this.items.size;
  }
  /** @param {number} index */
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }
  /** @param {string} key */
  getItem(key) {
    return this.items.get(key) ?? null;
  }
  /** @param {string} key @param {string} value */
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  /** @param {string} key */
  removeItem(key) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

/** Installs an event target as `document` (with no elements in it) and returns the events dispatched on it. */
export function fakeDocument() {
  /** @type {CustomEvent[]} */
  const events = [];
  const target = new EventTarget();
  const dispatch = target.dispatchEvent.bind(target);
  target.dispatchEvent = (event) => {
    events.push(/** @type {CustomEvent} */ (event));
    return dispatch(event);
  };
  Object.assign(target, {
    documentElement: { lang: "en" },
    querySelector: () => null,
    querySelectorAll: () => [],
  });
  Object.assign(globalThis, { document: target });
  return events;
}
