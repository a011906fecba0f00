// Who is acting, kept in the browser's storage between sessions (key 'hubdesk.author'). A name the
// desk types, recorded with each settings change: not authentication (roles come with issue 7).

export const AUTHOR_STORAGE_KEY = 'hubdesk.author';

/** The part of Web Storage this needs; localStorage in the app, a Map-backed stand-in in tests. */
export interface NameStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The browser's localStorage, or undefined where it is not available (blocked, or no window). */
export function browserStorage(): NameStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The stored name, '' when none (or storage refuses to answer). */
export function loadAuthor(storage: NameStorage | undefined): string {
  try {
    return storage?.getItem(AUTHOR_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the name as typed; an empty one is removed. A full or blocked storage only loses the memory. */
export function saveAuthor(storage: NameStorage | undefined, author: string): void {
  try {
    if (author.trim() === '') storage?.removeItem(AUTHOR_STORAGE_KEY);
    else storage?.setItem(AUTHOR_STORAGE_KEY, author);
  } catch {
    // Nothing to do: the name still holds for this session.
  }
}
