import { Search } from 'lucide-react';
import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from 'react';
import { t } from '../../i18n';
import { PREF_DEFAULTS } from '../../prefs/prefs';
import { SECTIONS, searchSettings, sectionKey, settingId, type SectionId, type SettingDef } from './catalog';
import { AboutSection } from './AboutSection';
import { CategoriesPanel } from './CategoriesPanel';
import { TagsPanel } from './TagsPanel';
import { PasswordPanel } from './PasswordPanel';
import { SettingField } from './SettingField';
import { defaultOf, startState, type SettingsDto } from './settingsApi';
import { useSettingsForm, type SettingsForm } from './useSettingsForm';
import './settings.css';

// The per-category levels are the logs page's panel; loaded with the logging section only.
const LevelsPanel = lazy(() => import('../logs/LevelsPanel').then((m) => ({ default: m.LevelsPanel })));

export interface SettingsPageProps {
  /** The section in the URL; null for the first. */
  readonly section: SectionId | null;
  readonly onSection: (section: SectionId) => void;
  /** Shows the first-run wizard again. */
  readonly onShowWizard: () => void;
  readonly version: string | null;
  /** The document after a save, for the parts of the page outside this one (the turtle). */
  readonly onSaved?: (dto: SettingsDto) => void;
}

function Fields({ form, dto, settings }: { form: SettingsForm; dto: SettingsDto; settings: readonly SettingDef[] }) {
  return (
    <>
      {settings.map((s) => {
        const id = settingId(s);
        const { restartNeeded, lockedBy } = startState(s, dto);
        const dirty = form.dirty.includes(s);
        return (
          <SettingField key={id} setting={s} value={form.draft[id]} defaultValue={defaultOf(s, dto, PREF_DEFAULTS)}
            onChange={(v) => form.change(s, v)} error={form.errors[id] ?? null} dirty={dirty}
            restartNeeded={restartNeeded || (dirty && s.source === 'start')} lockedBy={lockedBy} />
        );
      })}
    </>
  );
}

/**
 * Settings (UI spec 1.6): one page per section, a search over all of them, every field with its
 * default and badges, and a save bar while anything is changed. Saving sends the runtime settings,
 * then the start settings, then this browser's preferences.
 */
export function SettingsPage({ section, onSection, onShowWizard, version, onSaved }: SettingsPageProps) {
  const form = useSettingsForm(onSaved);
  const [query, setQuery] = useState('');
  const searchId = useId();
  const current: SectionId = section ?? 'general';
  const dirtyCount = form.dirty.length;

  // Leaving the page with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (dirtyCount === 0) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirtyCount]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.save();
  };

  const found = query.trim() === '' ? null : searchSettings(query, t);
  const dto = form.dto;

  return (
    <div className="settings">
      <div className="settings__top">
        <h1 className="settings__title">{t('settings.title')}</h1>
        <div className="settings__search">
          <Search size={16} aria-hidden="true" />
          <label htmlFor={searchId} className="sr-only">{t('settings.search')}</label>
          <input id={searchId} type="search" value={query} placeholder={t('settings.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>
      <div className="settings__body">
        <nav className="settings__nav" aria-label={t('settings.sections')}>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <a href={`/settings/${id}`} aria-current={found === null && id === current ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    setQuery('');
                    onSection(id);
                  }}>
                  {t(sectionKey(id))}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings__main">
        <form className="settings__form" onSubmit={submit} noValidate aria-busy={dto === null}>
          {form.loadError !== null && (
            <div className="settings__problem" role="alert">
              <p>{t('settings.loadFailed', { message: form.loadError })}</p>
              <button type="button" className="button" onClick={form.reload}>{t('settings.retry')}</button>
            </div>
          )}
          {dto === null && form.loadError === null && <p className="settings__loading">{t('empty.loading')}</p>}
          {dto !== null && found !== null && (
            <section aria-labelledby={`${searchId}-results`}>
              <h2 id={`${searchId}-results`}>{t('settings.results', { count: found.length })}</h2>
              {SECTIONS.map((id) => {
                const inSection = found.filter((s) => s.section === id);
                if (inSection.length === 0) return null;
                return (
                  <fieldset key={id} className="settings__group">
                    <legend>{t(sectionKey(id))}</legend>
                    <Fields form={form} dto={dto} settings={inSection} />
                  </fieldset>
                );
              })}
              {found.length === 0 && <p className="settings__none">{t('settings.noResults', { query })}</p>}
            </section>
          )}
          {dto !== null && found === null && (
            <section aria-labelledby={`${searchId}-section`}>
              <h2 id={`${searchId}-section`}>{t(sectionKey(current))}</h2>
              <p className="settings__intro">{t(`settings.section.${current}.intro` as never)}</p>
              <Fields form={form} dto={dto} settings={searchSettings('', t).filter((s) => s.section === current)} />
              {current === 'webui' && (
                <button type="button" className="button" onClick={onShowWizard}>{t('settings.showWizard')}</button>
              )}
              {current === 'about' && <AboutSection version={version} dto={dto} />}
            </section>
          )}
          {dirtyCount > 0 && (
            <div className="savebar" role="region" aria-label={t('settings.savebar')}>
              <span className="savebar__count" aria-live="polite">{t('settings.unsaved', { count: dirtyCount })}</span>
              <button type="button" className="button" onClick={form.discard} disabled={form.saving}>
                {t('settings.discard')}
              </button>
              <button type="submit" className="button button--primary"
                disabled={form.saving || form.dirty.some((d) => form.errors[settingId(d)] !== undefined)}>
                {form.saving ? t('settings.saving') : t('settings.save')}
              </button>
            </div>
          )}
        </form>
        {dto !== null && found === null && current === 'webui' && <PasswordPanel />}
        {/* Outside the form too: each change applies at once, through the categories and tags API. */}
        {dto !== null && found === null && current === 'categories' && (
          <>
            <CategoriesPanel />
            <TagsPanel />
          </>
        )}
        {dto !== null && found === null && current === 'logging' && (
          // Outside the form: the panel has its own (forms do not nest), and applies each change at once.
          <Suspense fallback={<p>{t('empty.loading')}</p>}>
            <LevelsPanel />
          </Suspense>
        )}
        </div>
      </div>
    </div>
  );
}
