import { useEffect, useState } from 'preact/hooks';
import { safeStorage } from './i18n.js';

const STORAGE_KEY = 'meshview.favourites';

/** The node ids the visitor starred, from localStorage. */
export function readFavourites(): ReadonlySet<number> {
  try {
    const value: unknown = JSON.parse(safeStorage()?.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((n) => Number.isInteger(n)) : []);
  } catch {
    return new Set();
  }
}

function writeFavourites(ids: ReadonlySet<number>): void {
  safeStorage()?.setItem(STORAGE_KEY, JSON.stringify([...ids].sort((a, b) => a - b)));
}

/** The visitor's favourite nodes and a toggle; kept in localStorage, in step across tabs. */
export function useFavourites(): {
  readonly favourites: ReadonlySet<number>;
  readonly toggle: (nodeId: number) => void;
} {
  const [favourites, setFavourites] = useState(readFavourites);
  useEffect(() => {
    const update = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY || event.key === null) setFavourites(readFavourites());
    };
    window.addEventListener('storage', update);
    return () => window.removeEventListener('storage', update);
  }, []);
  return {
    favourites,
    toggle: (nodeId) => {
      const next = new Set(readFavourites());
      if (next.has(nodeId)) next.delete(nodeId);
      else next.add(nodeId);
      writeFavourites(next);
      setFavourites(next);
    },
  };
}
