import type { Rest } from '../../api/rest';
import type { Schemas } from '../../api/types';

export const LOGGING_PATH = '/api/v1/logging';

/**
 * One category (LogLevels.CategoryLevel): `level` is its own (null: inherited), `effectiveLevel`
 * what applies. The root is "". Written here because the OpenAPI document types the answer as
 * `unknown`.
 */
export interface CategoryLevel {
  readonly category: string;
  readonly level: string | null;
  readonly effectiveLevel: string;
}

/** Body of GET /api/v1/logging; below `minLevel` (a build-time setting) nothing is printed. */
export interface Levels {
  readonly minLevel: string;
  readonly categories: readonly CategoryLevel[];
}

/** Levels the server accepts, most to least severe; "" (inherit) is offered apart. */
export const SETTABLE_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;

export const getLevels = (rest: Rest) => rest.request<Levels>('GET', LOGGING_PATH);

/** Sets a category's level; "" makes it inherit again (refused for the root). Answers the new state. */
export const setLevel = (rest: Rest, category: string, level: string) =>
  rest.request<CategoryLevel>('PUT', LOGGING_PATH, { category, level } satisfies Schemas['LevelChange']);

/** `rows` with `row` replacing the one of its category, or added; sorted by name like the server's list. */
export function upsertCategory(rows: readonly CategoryLevel[], row: CategoryLevel): CategoryLevel[] {
  const out = rows.filter((r) => r.category !== row.category);
  out.push(row);
  return out.sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
