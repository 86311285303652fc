import { describe, expect, it } from 'vitest';
import { countPieces, decodeBitfield, downsample, hasPiece, parseColor } from './pieces';

describe('pieces', () => {
  // 0b1010_0000 0b1000_0000: pieces 0, 2 and 8 of 10.
  const bits = decodeBitfield(btoa(String.fromCharCode(0xa0, 0x80)));

  it('readsTheHighBitFirst', () => {
    expect([...Array(10).keys()].filter((p) => hasPiece(bits, p))).toEqual([0, 2, 8]);
    expect(countPieces(bits, 10)).toBe(3);
  });

  it('downsamplesToColumnFractions', () => {
    expect([...downsample(bits, 10, 5)]).toEqual([0.5, 0.5, 0, 0, 0.5]);
    expect([...downsample(bits, 2, 4)]).toEqual([1, 1, 0, 0]);
  });

  it('toleratesBadInput', () => {
    expect(decodeBitfield('%%%')).toHaveLength(0);
    expect(parseColor('rgb(1,2,3)', [9, 9, 9])).toEqual([9, 9, 9]);
    expect(parseColor(' #0969da', [0, 0, 0])).toEqual([9, 105, 218]);
  });
});
