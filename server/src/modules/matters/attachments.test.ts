import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../../../core/domain/image-metadata';
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

// A minimal JPEG: SOI, an APP1 Exif segment with a GPS-like marker, APP0, SOS and EOI.
const exif = Buffer.from('Exif\0\0GPSLatitude=37.93', 'latin1');
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xe1, 0x00, exif.length + 2]),
  exif,
  Buffer.from([0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xd9]),
]);

describe('attachments', () => {
  it('stores a photo without its location metadata and serves it only as a download', async () => {
    const up = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('现场.jpg', jpeg, 'image/jpeg'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json();
    expect(a).toMatchObject({ fileName: '现场.jpg', mime: 'image/jpeg' });
    const down = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}/attachments/${a.id}` });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(down.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(down.rawPayload.equals(Buffer.from(stripJpegMetadata(jpeg)))).toBe(true);
  });

  it('refuses a file whose content is not what its name says, an SVG, and an empty file', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const fake = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      ...multipart('photo.jpg', html),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toMatch(/只接受 JPG、PNG 图片或 PDF 文件/);
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
