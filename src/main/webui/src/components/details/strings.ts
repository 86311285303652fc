import { t, type MessageKey, type MessageVars } from '../../i18n';

/** Text of the Details pane: the app's `t()` over the keys of `src/locales/en-details.ts`. */
export const dt = (key: MessageKey, vars?: MessageVars): string => t(key, vars);
