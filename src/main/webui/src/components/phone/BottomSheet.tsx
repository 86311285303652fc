import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../../i18n';
import { DialogShell } from '../ui/DialogShell';
import '../ui/ui.css';
import './phone.css';

export interface BottomSheetProps {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Buttons pinned under the scrolling content. */
  readonly footer?: ReactNode;
}

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Tab order inside the sheet: the first and last controls wrap around. The native modal <dialog>
 * already makes the page behind inert, but Tab can still leave it for the browser's own toolbar;
 * a sheet covering most of a phone screen should keep the keyboard in it.
 */
function trapTab(dialog: HTMLElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  // Of a radio group only the checked radio (or the first) takes Tab.
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)]
    .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked))
    // Document order, which not every selector engine keeps for a selector list (jsdom's does not).
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return;
  const active = document.activeElement;
  const inside = active instanceof Node && dialog.contains(active);
  if (e.shiftKey && (active === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

/** A tap on the dimmed page around the sheet: the click lands on the <dialog> itself, outside its box. */
function onBackdrop(dialog: HTMLElement, e: MouseEvent): boolean {
  if (e.target !== dialog) return false;
  const box = dialog.getBoundingClientRect();
  return e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
}

function SheetBody({ onClose, children, footer }: Pick<BottomSheetProps, 'onClose' | 'children' | 'footer'>) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current?.closest('dialog');
    if (!dialog) return undefined;
    const key = (e: KeyboardEvent) => trapTab(dialog, e);
    const click = (e: MouseEvent) => {
      if (onBackdrop(dialog, e)) close.current();
    };
    dialog.addEventListener('keydown', key);
    dialog.addEventListener('click', click);
    return () => {
      dialog.removeEventListener('keydown', key);
      dialog.removeEventListener('click', click);
    };
  }, []);

  return (
    <div ref={ref} className="sheet__content">
      <div className="sheet__scroll">{children}</div>
      {footer !== undefined && <div className="sheet__footer">{footer}</div>}
    </div>
  );
}

/**
 * A modal sheet that slides up from the bottom edge (UI spec 1.7), built on the app's dialog
 * (DialogShell: role dialog, named by its title, Esc closes, focus returns to the opener). Adds a
 * Tab trap and closing by a tap on the backdrop; the slide honours prefers-reduced-motion (phone.css).
 */
export function BottomSheet({ open, title, onClose, children, footer }: BottomSheetProps) {
  if (!open) return null;
  return (
    <DialogShell title={title} closeLabel={t('common.close')} onClose={onClose} className="sheet">
      <SheetBody onClose={onClose} {...(footer === undefined ? {} : { footer })}>
        {children}
      </SheetBody>
    </DialogShell>
  );
}
