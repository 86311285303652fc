import { describe, expect, it } from 'vitest';
import { addSample, NO_SAMPLES, SAMPLE_WINDOW_S } from './samples';

describe('samples', () => {
  it('keepsFiveMinutesByTime', () => {
    let s = NO_SAMPLES;
    for (let time = 0; time <= 400; time += 2) s = addSample(s, time, time, -time);
    expect(SAMPLE_WINDOW_S).toBe(300);
    expect(s.times[0]).toBe(100);
    expect(s.times.at(-1)).toBe(400);
    expect(s.times).toHaveLength(151);
    expect(s.queriesIn[0]).toBe(100);
    expect(s.queriesOut.at(-1)).toBe(-400);
  });

  it('dropsEverythingAfterALongGap', () => {
    const s = addSample(addSample(NO_SAMPLES, 10, 1, 1), 1000, 2, 3);
    expect(s).toEqual({ times: [1000], queriesIn: [2], queriesOut: [3] });
  });
});
