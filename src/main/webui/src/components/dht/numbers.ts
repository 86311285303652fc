import { LOCALE } from '../../i18n';

const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count: "12,345". format.ts covers bytes and rates of bytes; these are packets, nodes and queries. */
export const formatCount = (n: number): string => (Number.isFinite(n) ? whole.format(n) : '–');

/** Queries per second with one decimal: "3.5". */
export const formatPerSecond = (n: number): string => (Number.isFinite(n) ? rate.format(n) : '–');
