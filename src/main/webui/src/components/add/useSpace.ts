import { useEffect, useState } from 'react';
import { ApiFailure, errorText, space, type SpaceDto } from './addApi';

export interface FolderCheck {
  readonly space: SpaceDto | null;
  /** The server's sentence when it refuses the folder (`bad_folder`), shown on the field. */
  readonly error: string | null;
}

/** Waits this long after the last keystroke before asking the server about a folder. */
const DEBOUNCE_MS = 300;

/**
 * Free space at `folder`, asked again whenever it changes (debounced). The same request validates
 * the folder: the server answers 400 `bad_folder` for one outside the download folder.
 */
export function useFolderSpace(folder: string, enabled: boolean): FolderCheck {
  const [check, setCheck] = useState<FolderCheck>({ space: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      space(folder).then(
        (result) => live && setCheck({ space: result, error: null }),
        (error: unknown) => {
          if (!live) return;
          // Only a refusal of the folder belongs on the field; a network hiccup just hides the figure.
          const refused = error instanceof ApiFailure && error.status >= 400 && error.status < 500;
          setCheck({ space: null, error: refused ? errorText(error) : null });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [folder, enabled]);
  return check;
}
