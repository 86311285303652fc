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

  it.each([
    ['snapshot', '{"type":"snapshot","seq":1,"torrents":[],"session":{},"history":{"times":[],"download":[],"upload":[]},"events":[]}'],
    ['snapshot of an older server', '{"type":"snapshot","seq":1,"torrents":[],"session":{}}'],
    ['update', '{"type":"update","seq":2,"torrents":[{"id":"a","progress":1}],"added":[],"removed":[],"session":{}}'],
    ['heartbeat', '{"type":"heartbeat","seq":2}'],
    ['event', '{"type":"event","event":{"id":3,"kind":"torrent.completed","torrent":"a","name":"n","at":"x","message":null}}'],
  ])('accepts %s as sent', (_what, frame) => {
    expect(parseServerEvent(frame)).toEqual(JSON.parse(frame));
  });

  it.each([
    ['a snapshot without torrents', '{"type":"snapshot","seq":1,"session":{}}'],
    ['an update with a string seq', '{"type":"update","seq":"2","torrents":[],"added":[],"removed":[],"session":{}}'],
    ['an update without removed', '{"type":"update","seq":2,"torrents":[],"added":[],"session":{}}'],
    ['a heartbeat without seq', '{"type":"heartbeat"}'],
    ['peers without a torrent', '{"type":"peers","peers":[]}'],
    ['an event without an id', '{"type":"event","event":{"kind":"torrent.added"}}'],
    ['an error without a message', '{"type":"error","error":"x"}'],
  ])('rejects %s', (_what, frame) => {
    expect(parseServerEvent(frame)).toBeNull();
  });

  it('rejectsBinaryFrames', () => {
    expect(parseServerEvent(new ArrayBuffer(4))).toBeNull();
  });
});
