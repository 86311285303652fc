import { ChevronDown, ChevronUp, Columns3 } from 'lucide-react';
import { useState } from 'react';
import { t } from '../../i18n';
import { COLUMN_BY_ID } from './columns';
import type { ColumnLayoutApi } from './layout';
import { Modal } from '../ui/Modal';

/**
 * Column chooser: a checkbox per column and buttons to move it, in a small dialog rather than a
 * menu so that every control is a plain, labelled form control (menus cannot hold buttons).
 */
export function ColumnChooser({ layout }: { layout: ColumnLayoutApi }) {
  const [open, setOpen] = useState(false);
  const order = layout.layout.order;
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        <Columns3 size={14} aria-hidden="true" />
        <span>{t('columns.button')}</span>
      </button>
      <Modal
        open={open}
        title={t('columns.title')}
        onClose={() => setOpen(false)}
        footer={
          <>
            <button type="button" className="button" onClick={layout.reset}>
              {t('columns.reset')}
            </button>
            <button type="button" className="button button--primary" onClick={() => setOpen(false)}>
              {t('common.done')}
            </button>
          </>
        }
      >
        <ul className="columns">
          {order.map((id, i) => {
            const def = COLUMN_BY_ID.get(id)!;
            const label = t(def.label);
            return (
              <li key={id} className="columns__item">
                <label className="columns__label">
                  <input
                    type="checkbox"
                    checked={!layout.layout.hidden.includes(id)}
                    disabled={def.required === true}
                    onChange={() => layout.toggle(id)}
                  />
                  {label}
                </label>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('columns.moveUp', { column: label })}
                  disabled={i === 0}
                  onClick={() => layout.move(id, -1)}
                >
                  <ChevronUp size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('columns.moveDown', { column: label })}
                  disabled={i === order.length - 1}
                  onClick={() => layout.move(id, 1)}
                >
                  <ChevronDown size={14} aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      </Modal>
    </>
  );
}
