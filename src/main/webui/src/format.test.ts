import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDuration, formatEta, formatLimit, formatPercent, formatRate, formatRatio, limitUnit, setDateFormat, setUnits } from './format';
import { t } from './i18n';

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
    [120 * 1024 ** 2, '120 MiB'],
    [-1, '–'],
  ])('bytes %d → %s', (n, text) => expect(formatBytes(n)).toBe(text));

  it('formatsRatesAndLimits', () => {
    expect(formatRate(3.1 * 1024 * 1024)).toBe('3.1 MiB/s');
    expect(formatLimit(0)).toBe('Unlimited');
    expect(formatLimit(1024 * 1024)).toBe('1 MiB/s');
  });

  it.each([
    [-1, '∞'],
    [45, '45s'],
    [200, '3m 20s'],
    [7500, '2h 5m'],
    [7200, '2h'],
    [4 * 86400 + 3 * 3600, '4d 3h'],
    [Number.NaN, '∞'],
  ])('eta %d → %s', (s, text) => expect(formatEta(s)).toBe(text));

  it('formatsRatioPercentAndDates', () => {
    expect(formatRatio(1.256)).toBe('1.26');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatPercent(0.425)).toBe('42.5 %');
    expect(formatPercent(0.9999)).toBe('99.9 %'); // never shows 100 % before it is done
    expect(formatPercent(1)).toBe('100 %');
    expect(formatDate(null)).toBe('–');
    expect(formatDate('not a date')).toBe('–');
    expect(formatDate('2026-03-01T12:00:00Z')).toMatch(/2026/);
  });

  it('choosesPluralFormsAndFillsPlaceholdersAsText', () => {
    expect(t('list.count', { count: 1 })).toBe('1 torrent');
    expect(t('list.count', { count: 5000 })).toBe('5,000 torrents');
    expect(t('event.completed', { name: '<b>{count}</b>' })).toBe('Completed: <b>{count}</b>');
  });
});

describe('units', () => {
  afterEach(() => setUnits('binary', 'bytes'));

  it('writesSizesInDecimalAndSpeedsInBitsWhenAsked', () => {
    setUnits('decimal', 'bytes');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatRate(2_000_000)).toBe('2 MB/s');
    setUnits('decimal', 'bits');
    expect(formatRate(3_125_000)).toBe('25 Mbit/s');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB'); // sizes stay in bytes
    setUnits('binary', 'bits');
    expect(formatRate(1024 * 1024)).toBe('8 Mibit/s');
    expect(formatLimit(0)).toBe('Unlimited');
    expect(formatRate(-1)).toBe('–');
  });

  it('typesLimitsInTheUnitOfThePreferencesAWholeNumberOfBytesEach', () => {
    expect(limitUnit()).toEqual({ bytesPerUnit: 1024, label: 'KiB/s' });
    setUnits('decimal', 'bytes');
    expect(limitUnit()).toEqual({ bytesPerUnit: 1000, label: 'kB/s' });
    setUnits('binary', 'bits');
    expect(limitUnit()).toEqual({ bytesPerUnit: 128, label: 'Kibit/s' });
    setUnits('decimal', 'bits');
    expect(limitUnit()).toEqual({ bytesPerUnit: 125, label: 'kbit/s' });
  });
});

describe('date format', () => {
  afterEach(() => setDateFormat('locale'));

  it('writesIsoDatesInLocalTimeWhenAsked', () => {
    const iso = '2026-12-07T10:05:00Z';
    const local = new Date(iso);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} `
      + `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    const before = formatDate(iso);
    setDateFormat('iso');
    expect(formatDate(iso)).toBe(expected); // not the cached text of the other format
    setDateFormat('locale');
    expect(formatDate(iso)).toBe(before);
    expect(formatDate(null)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('writesWholeMinutesHoursAndDaysWithoutCap', () => {
    expect(formatDuration(0)).toBe('0m');
    expect(formatDuration(59)).toBe('0m');
    expect(formatDuration(45 * 60)).toBe('45m');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3h 20m');
    expect(formatDuration(2 * 3600)).toBe('2h');
    expect(formatDuration(4 * 86_400 + 3 * 3600 + 59)).toBe('4d 3h');
    expect(formatDuration(400 * 86_400)).toBe('400d'); // an old seed: no "∞" as a time left has
    expect(formatDuration(-1)).toBe('–');
  });
});
