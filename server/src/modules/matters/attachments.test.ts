import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let matterId: string;
beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  const village = await orgByDivision(t, '620602001001');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '院墙倒塌纠纷',
      description: '邻居院墙倒塌砸坏我家菜地。',
      place: { villageId: village.id },
      parties: [{ role: 'applicant', name: '郑某', phone: '13100005555' }],
    },
  });
  matterId = res.json().matter.id;
});
afterAll(() => t.close());

function multipart(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----zongzhi-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A real photo, as a phone makes it: EXIF with the GPS position where it was taken. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'GPSPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 55/1 42/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '102/1 38/1 17/1',
      },
    })
    .toBuffer();
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * The ways the old byte-level stripper let a position through: a legal 0xFF fill byte before the
 * APP1 segment (it stopped at the "marker" and returned the file untouched), and APP13 (Photoshop
 * IRB / IPTC), which it always kept.
 */
function withHiddenLocation(photo: Buffer): Buffer {
  const app1 = segment(0xe1, Buffer.from('Exif\0\0GPSLatitude=37.93;GPSLongitude=102.64', 'latin1'));
  const app13 = segment(
    0xed,
    Buffer.from('Photoshop 3.0\x008BIM\x04\x04 Sub-location=HomeAddress GPS 37.93', 'latin1'),
  );
  return Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff]), app1, app13, photo.subarray(2)]);
}

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = withHiddenLocation(await phonePhoto());
});

describe('attachments', () => {
  it('stores a photo re-encoded, without any location metadata, and serves it only as a download', async () => {
    // The upload really does carry the position, in three places.
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    expect(jpeg.includes(Buffer.from('GPSLatitude'))).toBe(true);
    expect(jpeg.includes(Buffer.from('HomeAddress'))).toBe(true);
    const up = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('现场.jpg', jpeg, 'image/jpeg'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json();
    expect(a).toMatchObject({ fileName: '现场.jpg', mime: 'image/jpeg', thumbnail: true, origin: 'staff' });
    const down = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/attachments/${a.id}` });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    for (const s of ['GPSLatitude', 'HomeAddress', 'Photoshop', 'GPSPhone', 'Exif'])
      expect(down.rawPayload.includes(Buffer.from(s)), s).toBe(false);
    const meta = await sharp(down.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    // The thumbnail is a small JPEG of ours, shown inline; reading it is recorded like any read.
    const thumb = await clerk.request({
      method: 'GET',
      url: `/api/matters/${matterId}/attachments/${a.id}/thumbnail`,
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe('jpeg');
    const list = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/attachments` });
    expect(list.json()[0]).toMatchObject({ id: a.id, uploader: expect.any(String), thumbnail: true });
  });

  it('refuses a picture it cannot decode instead of storing it as it came', async () => {
    const fake = Buffer.concat([jpeg.subarray(0, 600), Buffer.from('GPSLatitude'), Buffer.alloc(200, 0x55)]);
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('broken.jpg', fake, 'image/jpeg'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/图片无法识别/);
  });

  it('refuses a file whose content is not what its name says, an SVG, and an empty file', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const fake = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('photo.jpg', html),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toMatch(/只接受JPG、PNG 图片、MP4、MOV 视频、PDF 文件/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect(
      (
        await clerk.request({
          method: 'POST',
          url: `/api/matters/${matterId}/attachments`,
          ...multipart('x.svg', svg),
        })
      ).statusCode,
    ).toBe(400);
    const renamed = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('scan.pdf', jpeg),
    });
    expect(renamed.json().message).toMatch(/与扩展名 .pdf 不符/);
    expect(
      (
        await clerk.request({
          method: 'POST',
          url: `/api/matters/${matterId}/attachments`,
          ...multipart('e.png', Buffer.alloc(0)),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps a path in the file name from reaching the disk or the display name', async () => {
    const up = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('../../etc/passwd.jpg', jpeg),
    });
    expect(up.statusCode).toBe(201);
    expect(up.json().fileName).toBe('passwd.jpg');
  });

  it('refuses a file over the size limit', async () => {
    const small = await createTestApp({ maxUploadBytes: 1024 });
    try {
      const s = await small.login('village-clerk');
      const big = Buffer.concat([
        jpeg.subarray(0, jpeg.length - 2),
        Buffer.alloc(4096),
        Buffer.from([0xff, 0xd9]),
      ]);
      const res = await s.request({
        method: 'POST',
        url: `/api/matters/${matterId}/attachments`,
        ...multipart('big.jpg', big),
      });
      expect([400, 404, 413]).toContain(res.statusCode);
    } finally {
      await small.close();
    }
  });
});
