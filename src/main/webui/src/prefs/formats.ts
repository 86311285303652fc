import { setUnits } from '../format';
import { getPrefs, subscribePrefs, usePrefs } from './prefs';

let stop: (() => void) | null = null;

/**
 * Makes the formatters write sizes and speeds in the user's units, now and after every change of
 * the preference (from this tab or another). Call once before the first render; returns the stop.
 */
export function applyUnits(): () => void {
  const apply = () => {
    const prefs = getPrefs();
    setUnits(prefs.units, prefs.rateUnits);
  };
  apply();
  if (stop !== null) return stop;
  const unsubscribe = subscribePrefs(apply);
  stop = () => {
    unsubscribe();
    stop = null;
  };
  return stop;
}

/**
 * The units as one value, for views that keep formatted text until their data changes (the list's
 * cells): passing it down makes them write it again when only the units changed.
 */
export function useUnitsKey(): string {
  const { units, rateUnits } = usePrefs();
  return `${units}/${rateUnits}`;
}
