import { X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface DialogShellProps {
  readonly title: string;
  /** One sentence under the title; the dialog's accessible description. */
  readonly description?: string;
  readonly closeLabel: string;
  readonly onClose: () => void;
  readonly className?: string;
  readonly children: ReactNode;
}

/**
 * A modal dialog on the browser's own `<dialog>` (`showModal`): the page behind is inert, focus
 * stays inside, Esc closes, and focus returns to what opened it. Not a script library's dialog,
 * because those lock scrolling by inserting a `<style>` element, which the server's
 * Content-Security-Policy (`style-src 'self'`, no inline styles) refuses with a console error.
 * Rendered only while open (the parent decides), named by its title.
 */
export function DialogShell({ title, description, closeLabel, onClose, className, children }: DialogShellProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof dialog.showModal === 'function' && !dialog.open) {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', ''); // test DOMs without showModal
    }
    const first = dialog.querySelector<HTMLElement>('[autofocus], input, textarea, select, button:not([data-dialog-close])');
    first?.focus();
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Escape') return;
    // Handled here rather than by the browser's cancel, so that Esc behaves the same everywhere.
    event.preventDefault();
    event.stopPropagation();
    onCloseRef.current();
  };

  return (
    // role and aria-modal are explicit: the app's single-key shortcuts look for [role=dialog].
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      className={className === undefined ? 'modal' : `modal ${className}`}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={closeLabel} data-dialog-close onClick={() => onCloseRef.current()}>
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      {description !== undefined && (
        <p id={descriptionId} className="modal__description">
          {description}
        </p>
      )}
      {children}
    </dialog>
  );
}
