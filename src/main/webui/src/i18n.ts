import { en } from './locales/en';

/** Locale for numbers and dates; English only for now, in one place so it can follow the user's choice later. */
export const LOCALE = 'en';

type Dictionary = typeof en;
type Base<K> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
/** Every message key; plural forms `key_one`/`key_other` are asked for as `key` with a `count`. */
export type MessageKey = Base<keyof Dictionary>;
export type MessageVars = Readonly<Record<string, string | number>>;

const messages: Readonly<Record<string, string>> = en;
const plurals = new Intl.PluralRules(LOCALE);
// One formatter for every number put in a message: making one costs far more than formatting with it,
// and a list of 5,000 torrents fills several numbers into each visible row every second.
const numbers = new Intl.NumberFormat(LOCALE);

/**
 * The user-facing text for `key`, with `{name}` placeholders filled from `vars`. With a numeric
 * `count` the plural form (`key_one`, `key_other`) is chosen by the locale's rules. A missing key
 * shows the key itself, so a gap is visible rather than an empty label.
 */
export function t(key: MessageKey, vars?: MessageVars): string {
  let template: string | undefined;
  const count = vars?.count;
  if (typeof count === 'number') template = messages[`${key}_${plurals.select(count)}`] ?? messages[`${key}_other`];
  template ??= messages[key] ?? key;
  if (vars === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
