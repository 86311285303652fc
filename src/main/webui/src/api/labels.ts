import type { Rest } from './rest';
import type { Schemas } from './types';

/** A category: its name, its folder relative to the download folder ("" = one named after it) and that folder's absolute path. */
export type CategoryDto = Schemas['CategoryDto'];

export const CATEGORIES_PATH = '/api/v1/categories';
export const TAGS_PATH = '/api/v1/tags';

/**
 * A category's or tag's URL. Names may nest ("tv/anime") and the server's route takes the rest of the
 * path, so each segment is encoded on its own: an encoded slash is refused by some proxies.
 */
const named = (base: string, name: string): string => `${base}/${name.split('/').map(encodeURIComponent).join('/')}`;

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const listCategories = async (rest: Rest): Promise<CategoryDto[]> =>
  list<CategoryDto>(await rest.request('GET', CATEGORIES_PATH));
export const listTags = async (rest: Rest): Promise<string[]> => list<string>(await rest.request('GET', TAGS_PATH));

/** Creates a category (409 `conflict` when it exists); `folder` "" saves its torrents in a folder named after it. */
export const createCategory = (rest: Rest, name: string, folder = ''): Promise<CategoryDto> =>
  rest.request('POST', CATEGORIES_PATH, { name, folder });
/** Changes a category's folder; torrents filed under it stay where they are. */
export const editCategory = (rest: Rest, name: string, folder: string): Promise<CategoryDto> =>
  rest.request('PUT', named(CATEGORIES_PATH, name), { folder });
/** Removes a category and takes it off its torrents (their data stays). */
export const deleteCategory = (rest: Rest, name: string): Promise<void> => rest.request('DELETE', named(CATEGORIES_PATH, name));

/** Creates tags (those that exist stay as they are); answers every tag. */
export const createTags = async (rest: Rest, names: readonly string[]): Promise<string[]> =>
  list<string>(await rest.request('POST', TAGS_PATH, { names: [...names] }));
/** Deletes a tag from the session and from every torrent. */
export const deleteTag = (rest: Rest, name: string): Promise<void> => rest.request('DELETE', named(TAGS_PATH, name));

/** Tags typed as text ("4k, keep"): trimmed, empty ones left out, each once, in the order typed. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}
