import { describe, expect, it } from 'vitest';
import { stripVideoMetadata, VideoMetadataError } from './video-metadata';

function box(type: string, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(out.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  return out;
}
const text = (s: string) => Buffer.from(s, 'latin1');

// ftyp, moov (mvhd, udta/©xyz, trak (tkhd, meta/ilst), meta with the iPhone location key), mdat.
const gps = '+37.9283+102.6380/';
const video = Buffer.concat([
  box('ftyp', text('isom\0\0\x02\0isomiso2mp41')),
  box(
    'moov',
    box('mvhd', Buffer.alloc(100, 1)),
    box('udta', box('\xa9xyz', text(`\0\x12\x15\xc7${gps}`))),
    box('trak', box('tkhd', Buffer.alloc(84, 2)), box('meta', box('ilst', text('location')))),
    box('meta', box('keys', text('com.apple.quicktime.location.ISO6709')), box('ilst', text(gps))),
  ),
  box('uuid', text('XMP <x:xmpmeta>GPSLatitude</x:xmpmeta>')),
  box('mdat', Buffer.alloc(64, 7)),
]);

describe('stripVideoMetadata', () => {
  it('turns every metadata box into a zeroed free box of the same size: no location is left', () => {
    const out = Buffer.from(stripVideoMetadata(video));
    expect(out.length).toBe(video.length);
    for (const s of [gps, 'ISO6709', 'GPSLatitude', 'location', '\xa9xyz'])
      expect(out.includes(text(s)), s).toBe(false);
    // What players need is untouched: the sample data and the headers.
    expect(out.includes(Buffer.alloc(64, 7))).toBe(true);
    expect(out.includes(Buffer.alloc(100, 1))).toBe(true);
    expect(out.includes(text('ftyp'))).toBe(true);
    expect(out.subarray(0, 32).equals(video.subarray(0, 32))).toBe(true);
  });

  it('leaves the input as it was', () => {
    const copy = Buffer.from(video);
    stripVideoMetadata(video);
    expect(video.equals(copy)).toBe(true);
  });

  it('fails closed on a box that runs past its parent or a file that is not a video', () => {
    const broken = Buffer.from(video);
    // The moov box claims more than the file holds.
    const moovAt = broken.indexOf(text('moov')) - 4;
    broken.writeUInt32BE(broken.length, moovAt);
    expect(() => stripVideoMetadata(broken)).toThrow(VideoMetadataError);
    expect(() => stripVideoMetadata(text('<html>not a video</html>'))).toThrow(VideoMetadataError);
  });

  it('handles a 64-bit box size and an open-ended last mdat', () => {
    const large = Buffer.alloc(16 + 8);
    large.writeUInt32BE(1, 0);
    large.write('udta', 4, 'latin1');
    large.writeUInt32BE(0, 8);
    large.writeUInt32BE(24, 12);
    large.write('secret!!', 16, 'latin1');
    const open = Buffer.concat([
      box('ftyp', text('isom')),
      large,
      Buffer.from([0, 0, 0, 0]),
      text('mdat'),
      Buffer.alloc(9, 3),
    ]);
    const out = Buffer.from(stripVideoMetadata(open));
    expect(out.includes(text('secret!!'))).toBe(false);
    expect(out.includes(Buffer.alloc(9, 3))).toBe(true);
  });
});
