import { t } from '../../i18n';

export interface DialogButtonsProps {
  /** The primary button's text; it submits the dialog's form. */
  readonly confirm: string;
  /** While the form cannot be sent. */
  readonly disabled?: boolean;
  readonly onCancel: () => void;
}

/** A form dialog's footer (see {@link Modal}): Cancel, then the primary button, which submits. */
export function DialogButtons({ confirm, disabled, onCancel }: DialogButtonsProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={disabled}>
        {confirm}
      </button>
    </>
  );
}
