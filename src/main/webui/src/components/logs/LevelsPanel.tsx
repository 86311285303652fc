import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { getLevels, setLevel, SETTABLE_LEVELS, upsertCategory, type CategoryLevel } from './loggingApi';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const categoryName = (category: string): string => (category === '' ? t('logs.levels.root') : category);

function LevelOptions({ inherit }: { inherit: string | null }) {
  return (
    <>
      {inherit !== null && <option value="">{inherit}</option>}
      {SETTABLE_LEVELS.map((level) => (
        <option key={level} value={level}>
          {level}
        </option>
      ))}
    </>
  );
}

interface RowProps {
  readonly row: CategoryLevel;
  readonly onChanged: (row: CategoryLevel) => void;
}

/** One category: its level as a select (PUT on change) and, after a refusal, the server's reason beside it. */
function LevelRow({ row, onChanged }: RowProps) {
  const { rest, toast } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const name = categoryName(row.category);

  const change = (level: string) => {
    setBusy(true);
    setError(null);
    setLevel(rest, row.category, level).then(
      (now) => {
        setBusy(false);
        onChanged(now);
        toast(t('logs.levels.changed', { category: name, level: now.level ?? t('logs.levels.inherits', { level: now.effectiveLevel }) }), 'success');
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure));
      },
    );
  };

  return (
    <tr>
      <th scope="row" className="logs-levels__category">
        {name}
      </th>
      <td>
        <select
          className="input"
          aria-label={t('logs.levels.levelOf', { category: name })}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          value={row.level ?? ''}
          disabled={busy}
          onChange={(e) => change(e.target.value)}
        >
          {/* The root has no parent to inherit from: the server refuses "". */}
          <LevelOptions inherit={row.category === '' ? null : t('logs.levels.inherit')} />
        </select>
        {error !== null && (
          <p id={errorId} className="field__warning" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>{row.effectiveLevel}</td>
    </tr>
  );
}

/**
 * Log levels per category (GET/PUT /api/v1/logging): the root and every category with a level of
 * its own, a select each, and a form to set one more by name. Changes last until the server restarts.
 */
export function LevelsPanel() {
  const { rest, toast } = useApp();
  const [rows, setRows] = useState<readonly CategoryLevel[] | null>(null);
  const [minLevel, setMinLevel] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [level, setNewLevel] = useState('DEBUG');
  const [addError, setAddError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const headingId = useId();
  const nameId = useId();
  const newLevelId = useId();
  const addErrorId = useId();

  useEffect(() => {
    let live = true;
    getLevels(rest).then(
      (levels) => {
        if (!live) return;
        setRows(levels.categories);
        setMinLevel(levels.minLevel);
      },
      (failure: unknown) => live && setLoadError(errorText(failure)),
    );
    return () => {
      live = false;
    };
  }, [rest]);

  const changed = (row: CategoryLevel) => setRows((current) => upsertCategory(current ?? [], row));

  const add = (e: FormEvent) => {
    e.preventDefault();
    const category = name.trim();
    if (category === '') return;
    setAdding(true);
    setAddError(null);
    setLevel(rest, category, level).then(
      (now) => {
        setAdding(false);
        setName('');
        changed(now);
        toast(t('logs.levels.changed', { category: categoryName(now.category), level: now.level ?? now.effectiveLevel }), 'success');
      },
      (failure: unknown) => {
        setAdding(false);
        setAddError(errorText(failure));
      },
    );
  };

  return (
    <section className="logs-panel logs-levels" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('logs.levels.title')}</h2>
      <p className="field__hint">
        {t('logs.levels.hint')}
        {minLevel !== null && ` ${t('logs.levels.minLevel', { level: minLevel })}`}
      </p>
      {rows === null ? (
        <p role={loadError === null ? 'status' : 'alert'}>{loadError ?? t('logs.levels.loading')}</p>
      ) : (
        <table className="logs-levels__table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('logs.levels.category')}</th>
              <th scope="col">{t('logs.levels.level')}</th>
              <th scope="col">{t('logs.levels.effective')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <LevelRow key={row.category} row={row} onChanged={changed} />
            ))}
          </tbody>
        </table>
      )}
      <form className="logs-levels__add" onSubmit={add} aria-label={t('logs.levels.add')}>
        <div className="logs-toolbar__field logs-toolbar__field--grow">
          <label htmlFor={nameId}>{t('logs.levels.newCategory')}</label>
          <input
            id={nameId}
            className="input mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="dev.bitquark.engine"
            value={name}
            aria-invalid={addError !== null}
            aria-describedby={addError !== null ? addErrorId : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {addError !== null && (
            <p id={addErrorId} className="field__warning" role="alert">
              {addError}
            </p>
          )}
        </div>
        <div className="logs-toolbar__field">
          <label htmlFor={newLevelId}>{t('logs.levels.level')}</label>
          <select id={newLevelId} className="input" value={level} onChange={(e) => setNewLevel(e.target.value)}>
            <LevelOptions inherit={null} />
          </select>
        </div>
        <button type="submit" className="button" disabled={adding || name.trim() === ''}>
          {t('logs.levels.set')}
        </button>
      </form>
    </section>
  );
}
