import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
it('probe', async () => {
  console.log(t.app.printRoutes({ commonPrefix: false }));
  console.log(t.app.printRoutes());
  const doc = (await t.app.inject('/api/openapi.json')).json();
  for (const [p, ops] of Object.entries(doc.paths)) console.log(p, Object.keys(ops as object));
});
