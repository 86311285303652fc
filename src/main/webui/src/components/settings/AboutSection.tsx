import { t } from '../../i18n';
import type { SettingsDto } from './settingsApi';

/** Version, where things are, and the machine interfaces (API docs, metrics, health) as plain links. */
export function AboutSection({ version, dto }: { version: string | null; dto: SettingsDto }) {
  return (
    <dl className="about">
      <dt>{t('settings.about.version')}</dt>
      <dd>{version ?? '…'}</dd>
      <dt>{t('settings.about.downloadDir')}</dt>
      <dd>{dto.readOnly.downloadDir}</dd>
      <dt>{t('settings.about.dataDir')}</dt>
      <dd>{dto.readOnly.dataDir}</dd>
      <dt>{t('settings.about.api')}</dt>
      <dd>
        <a href="/q/swagger-ui" target="_blank" rel="noreferrer">{t('settings.about.apiDocs')}</a>
        {' · '}
        <a href="/q/openapi" target="_blank" rel="noreferrer">OpenAPI</a>
      </dd>
      <dt>{t('settings.about.monitoring')}</dt>
      <dd>
        <a href="/q/metrics" target="_blank" rel="noreferrer">{t('settings.about.metrics')}</a>
        {' · '}
        <a href="/q/health" target="_blank" rel="noreferrer">{t('settings.about.health')}</a>
      </dd>
    </dl>
  );
}
