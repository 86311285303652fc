import { describe, expect, it } from 'vitest';
import { parseServerEvent } from './serverEvent';

describe('parseServerEvent', () => {
  it('parsesHello', () => {
    expect(parseServerEvent('{"type":"hello","name":"bitquark","version":"0.1.0"}')).toEqual({
      type: 'hello',
      name: 'bitquark',
      version: '0.1.0',
    });
  });

  it('dropsFieldsItDoesNotKnow', () => {
    expect(parseServerEvent('{"type":"hello","name":"b","version":"1","extra":true}')).toEqual({
      type: 'hello',
      name: 'b',
      version: '1',
    });
  });

  it.each([
    ['invalid JSON', '{"type":'],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['a missing version', '{"type":"hello","name":"bitquark"}'],
    ['a numeric version', '{"type":"hello","name":"bitquark","version":1}'],
    ['an unknown type', '{"type":"bogus"}'],
    ['no type', '{"name":"bitquark","version":"0.1.0"}'],
  ])('rejects %s', (_what, frame) => {
    expect(parseServerEvent(frame)).toBeNull();
  });

  it('rejectsBinaryFrames', () => {
    expect(parseServerEvent(new ArrayBuffer(4))).toBeNull();
  });
});
