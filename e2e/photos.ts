/**
 * Photos for the journeys, made as a phone makes them: a real JPEG with the GPS position where it was
 * taken in its EXIF, so a journey can show that what staff open no longer carries it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export async function phonePhoto(name: string, colour = '#3a7'): Promise<string> {
  const data = await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="640" height="480"><rect x="160" y="120" width="320" height="240" fill="#fff"/></svg>',
        ),
      },
    ])
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'E2EPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 55/1 42/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '102/1 38/1 17/1',
      },
    })
    .toBuffer();
  const dir = mkdtempSync(path.join(tmpdir(), 'zz-photo-'));
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

/** Whether a file still says where it was taken or on what phone. */
export async function carriesLocation(data: Buffer): Promise<boolean> {
  const meta = await sharp(data).metadata();
  return !!meta.exif || data.includes(Buffer.from('E2EPhone')) || data.includes(Buffer.from('GPS'));
}
