import { useEffect, useRef } from 'react';

/**
 * Runs `load` when `key` changes and again on every `nudge` (the live feed's), one at a time: a
 * nudge while a load is in flight asks for one more after it, however many came. Every answer is
 * shown as it comes (a slower reload is never thrown away for a newer one still on its way, which
 * under a steady stream of notifications showed nothing for seconds), except one for a `key`
 * that is no longer current.
 */
export function useRefetch(key: string, nudge: number, load: (isCurrent: () => boolean) => Promise<void>): void {
  const state = useRef({ key, running: false, again: false });
  const loader = useRef(load);
  loader.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `nudge` is the reason to run again
  useEffect(() => {
    const s = state.current;
    const keyChanged = s.key !== key;
    s.key = key;
    if (s.running && !keyChanged) {
      s.again = true;
      return;
    }
    const run = async () => {
      s.running = true;
      const mine = s.key;
      try {
        await loader.current(() => s.key === mine);
      } catch {
        // A failed load shows nothing new; the next nudge tries again.
      }
      // A load for a key no longer shown leaves the current key's loads alone.
      if (s.key !== mine) return;
      s.running = false;
      if (s.again) {
        s.again = false;
        void run();
      }
    };
    void run();
  }, [key, nudge]);
}
