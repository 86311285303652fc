import { limitUnit, setDateFormat, setUnits, type LimitUnit } from '../format';
import { getPrefs, subscribePrefs, usePrefs } from './prefs';

let stop: (() => void) | null = null;

/**
 * Makes the formatters write sizes, speeds and dates as the user prefers, now and after every change
 * of the preferences (from this tab or another). Call once before the first render; returns the stop.
 */
export function applyFormats(): () => void {
  const apply = () => {
    const prefs = getPrefs();
    setUnits(prefs.units, prefs.rateUnits);
    setDateFormat(prefs.dateFormat);
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
 * The formatting preferences as one value, for views that keep formatted text until their data
 * changes (the list's cells): passing it down makes them write it again when only the format changed.
 */
export function useFormatKey(): string {
  const { units, rateUnits, dateFormat } = usePrefs();
  return `${units}/${rateUnits}/${dateFormat}`;
}

/** The unit speed limits are typed in, as the preferences say; a change renders the caller again. */
export function useLimitUnit(): LimitUnit {
  useFormatKey();
  return limitUnit();
}
