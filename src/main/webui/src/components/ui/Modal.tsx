import './ui.css';
import type { FormEvent, ReactNode } from 'react';
import { t } from '../../i18n';
import { DialogShell } from './DialogShell';

export interface ModalProps {
  readonly open: boolean;
  readonly title: string;
  /** One sentence under the title; the dialog's accessible description. */
  readonly description?: string;
  readonly onClose: () => void;
  /** When given, the body is a form and Enter submits it. */
  readonly onSubmit?: () => void;
  readonly children: ReactNode;
  /** Buttons at the bottom (put the primary one last). */
  readonly footer: ReactNode;
}

/**
 * A modal dialog (see {@link DialogShell}): it traps focus, closes on Esc, returns focus to what
 * opened it, and is named by its title. The app's single-key shortcuts check for `[role=dialog]`
 * and stay quiet inside.
 */
export function Modal({ open, title, description, onClose, onSubmit, children, footer }: ModalProps) {
  if (!open) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  const body = (
    <>
      <div className="modal__body">{children}</div>
      <div className="modal__footer">{footer}</div>
    </>
  );
  return (
    <DialogShell title={title} closeLabel={t('common.close')} onClose={onClose}
      {...(description === undefined ? {} : { description })}>
      {onSubmit ? <form onSubmit={submit}>{body}</form> : body}
    </DialogShell>
  );
}
