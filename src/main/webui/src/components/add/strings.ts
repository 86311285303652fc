import { t, type MessageKey, type MessageVars } from '../../i18n';

/** Text of the Add dialog and the file tree: the app's `t()` over the keys of `src/locales/en-add.ts`. */
export const tr = (key: MessageKey, vars?: MessageVars): string => t(key, vars);
