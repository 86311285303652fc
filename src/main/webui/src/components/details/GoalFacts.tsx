import type { ComponentType } from 'react';
import type { TorrentDto } from '../../api/types';
import { formatDate, formatDuration, formatRatio } from '../../format';
import { effectiveGoals, ownGoals, SESSION_GOAL } from '../../store/goals';
import type { FactProps } from './OverviewTab';
import { dt } from './strings';

/** A limit in force: its value or "None", marked "(default)" when it is the session's. */
function limitText(effective: number, own: number, show: (n: number) => string): string {
  const value = effective >= 0 ? show(effective) : dt('detailsPane.none');
  return own === SESSION_GOAL ? dt('detailsPane.goal.default', { value }) : value;
}

const minutes = (n: number) => formatDuration(n * 60);

/**
 * The Overview's facts about how the torrent is filed and queued and how long it seeds: category,
 * tags, queue position, forced start, the seeding goals in force (the session's marked so), whether
 * one was reached, the time spent downloading and seeding, and the last time data moved.
 */
export function GoalFacts({ torrent, Fact }: { torrent: TorrentDto; Fact: ComponentType<FactProps> }) {
  const own = ownGoals(torrent);
  const effective = effectiveGoals(torrent);
  const tags = torrent.tags ?? [];
  const yesNo = (on: boolean) => dt(on ? 'common.yes' : 'common.no');
  return (
    <>
      <Fact label={dt('detailsPane.category')} value={torrent.category || dt('detailsPane.none')} />
      <Fact label={dt('detailsPane.tags')} value={tags.length > 0 ? tags.join(', ') : dt('detailsPane.none')} />
      <Fact label={dt('detailsPane.queuePosition')} value={torrent.queuePosition >= 0 ? String(torrent.queuePosition + 1) : '–'} />
      <Fact label={dt('detailsPane.forced')} value={yesNo(torrent.forced)} />
      <Fact label={dt('detailsPane.goal.ratio')} value={limitText(effective.ratio, own.ratio, formatRatio)} />
      <Fact label={dt('detailsPane.goal.seeding')} value={limitText(effective.seedingMinutes, own.seedingMinutes, minutes)} />
      <Fact label={dt('detailsPane.goal.idle')} value={limitText(effective.idleMinutes, own.idleMinutes, minutes)} />
      <Fact label={dt('detailsPane.goalReached')} value={torrent.goalReached || dt('detailsPane.goalNotReached')} />
      <Fact label={dt('detailsPane.downloadingTime')} value={formatDuration(torrent.downloadingSeconds)} />
      <Fact label={dt('detailsPane.seedingTime')} value={formatDuration(torrent.seedingSeconds)} />
      <Fact label={dt('detailsPane.lastActivity')} value={formatDate(torrent.lastActivityAt)} />
    </>
  );
}
