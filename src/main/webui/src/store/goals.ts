import type { Schemas, TorrentDto } from '../api/types';

/** Seeding goals with every limit present: -2 the session's, -1 none, else the limit (ratio; minutes). */
export type Goals = Required<Schemas['SeedGoalsDto']>;
export const SESSION_GOAL = -2;
export const NO_GOAL = -1;
/** The server's bounds of a limit (SeedGoals.MAX_RATIO, MAX_MINUTES: a century). */
export const MAX_RATIO = 1_000_000;
export const MAX_MINUTES = 100 * 366 * 24 * 60;

const full = (g: Schemas['SeedGoalsDto'] | undefined, missing: number): Goals => ({
  ratio: g?.ratio ?? missing,
  seedingMinutes: g?.seedingMinutes ?? missing,
  idleMinutes: g?.idleMinutes ?? missing,
});

/** The torrent's own goals (a limit left out is the session's). */
export const ownGoals = (t: TorrentDto): Goals => full(t.seedGoals, SESSION_GOAL);
/** The goals in force, its own or the session's (a limit left out is none). */
export const effectiveGoals = (t: TorrentDto): Goals => full(t.effectiveSeedGoals, NO_GOAL);
