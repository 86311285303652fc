import { Search } from 'lucide-react';
import { useEffect, useRef, useState, type Ref } from 'react';
import { t } from '../../i18n';

/** Search waits this long after the last keystroke, so each letter does not re-filter 5,000 rows. */
export const SEARCH_DEBOUNCE_MS = 100;

export interface SearchBoxProps {
  readonly value: string;
  readonly onSearch: (value: string) => void;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** The header's search field: echoes typing at once, reports it debounced. */
export function SearchBox({ value, onSearch, inputRef }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sent = useRef(value);

  // Follow changes made elsewhere (Clear filters, Back), but not the echo of our own typing.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const change = (next: string) => {
    setText(next);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      sent.current = next;
      onSearch(next);
    }, SEARCH_DEBOUNCE_MS);
  };

  return (
    <div className="search" role="search">
      <Search size={16} className="search__icon" aria-hidden="true" />
      <input
        ref={inputRef}
        className="search__input"
        type="search"
        aria-label={t('header.search')}
        placeholder={t('header.searchPlaceholder')}
        aria-keyshortcuts="/"
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.stopPropagation();
            change('');
          }
        }}
      />
    </div>
  );
}
