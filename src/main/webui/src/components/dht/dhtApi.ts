import type { Rest } from '../../api/rest';
import type { Schemas } from '../../api/types';

/** Body of GET /api/v1/dht/stats (DhtResource.DhtStatsDto). */
export type DhtStats = Schemas['DhtStatsDto'];

export const DHT_STATS_PATH = '/api/v1/dht/stats';

export const getDhtStats = (rest: Rest) => rest.request<DhtStats>('GET', DHT_STATS_PATH);
