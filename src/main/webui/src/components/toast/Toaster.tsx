import { CircleCheck, CircleExclamationPoint, Info, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../context';
import { t } from '../../i18n';
import type { Toast as ToastData } from './toasts';

const ICONS = { info: Info, success: CircleCheck, error: CircleExclamationPoint } as const;
/** Errors stay longer: they usually need reading. */
const LIFETIME_MS = { info: 5000, success: 5000, error: 10_000 } as const;

function ToastItem({ toast, onDismiss }: { toast: ToastData; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [paused, toast.id, toast.kind, onDismiss]);
  const Icon = ICONS[toast.kind];
  return (
    <li
      className={`toast toast--${toast.kind}`}
      data-testid="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <Icon size={16} className="toast__icon" aria-hidden="true" />
      <div className="toast__body">
        <p className="toast__message">{toast.message}</p>
        {toast.details.length > 0 && (
          <ul className="toast__details">
            {toast.details.map((line, i) => (
              <li key={i}>
                <bdi dir="auto">{line}</bdi>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={t('toast.dismiss')} onClick={() => onDismiss(toast.id)}>
        <X size={14} aria-hidden="true" />
      </button>
    </li>
  );
}

/**
 * Visible toasts. Not a live region itself: every toast is also announced through the page's one
 * throttled polite region, so screen readers hear it once.
 */
export function Toaster() {
  const { toasts } = useApp();
  const list = useStore(toasts, (s) => s.toasts);
  return (
    <section className="toasts" aria-label={t('toast.region')}>
      <ol className="toasts__list">
        {list.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={toasts.dismiss} />
        ))}
      </ol>
    </section>
  );
}

/** The page's polite live region, fed by `announce()` (throttled, see announcer.ts). */
export function LiveRegion() {
  const { announcer } = useApp();
  const text = useStore(announcer, (s) => s.text);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}
