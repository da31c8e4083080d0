import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { TestApp } from '../factories';
import { inContext } from '../../src/server/db/context';
import { area, auditEvent, place, placeYouthHour } from '../../src/server/db/schema';
import { seedDemo, type DemoSeedResult } from '../../src/server/modules/demo/seed-demo';
import { DEMO_AREAS, DEMO_PLACES } from '../../src/server/modules/demo/story/places';

let t: TestApp;
let demo: DemoSeedResult;

beforeAll(async () => {
  t = await TestApp.start({}, { ownDatabase: true });
  demo = await seedDemo({ database: t.database, auth: t.auth, cipher: t.cipher, blindIndex: t.blindIndex, authSecret: t.secrets.authSecret });
}, 240_000);
afterAll(async () => t.close());

const read = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.database.db, { tenantId: demo.tenantId, userId: null }, work);

describe('the Gävle demo’s places', () => {
  it('has three areas and twenty places near Gävle, each physical place in its area', async () => {
    const areas = await read((tx) => tx.select().from(area).where(eq(area.tenantId, demo.tenantId)).orderBy(asc(area.name)));
    expect(areas.map((a) => a.name)).toEqual(['Andersberg', 'Centrum', 'Sätra']);
    const places = await read((tx) =>
      tx.select({ name: place.name, type: place.type, latitude: place.latitude, longitude: place.longitude, areaName: area.name }).from(place).leftJoin(area, and(eq(area.tenantId, place.tenantId), eq(area.id, place.areaId))).where(eq(place.tenantId, demo.tenantId)),
    );
    expect(places).toHaveLength(20);
    expect(DEMO_PLACES).toHaveLength(20);
    expect(DEMO_AREAS).toHaveLength(3);
    for (const p of places) {
      if (p.type === 'digital') {
        expect(p.latitude).toBeNull();
        continue;
      }
      expect(Math.abs(p.latitude! - 60.67)).toBeLessThan(0.05);
      expect(Math.abs(p.longitude! - 17.14)).toBeLessThan(0.1);
      expect(p.areaName, p.name).not.toBeNull();
    }
    const byName = Object.fromEntries(places.map((p) => [p.name, p.areaName]));
    expect(byName).toMatchObject({ Stortorget: 'Centrum', 'Sätra centrum': 'Sätra', 'Andersbergs centrum': 'Andersberg' });
    expect(new Set(places.map((p) => p.type))).toEqual(new Set(['centrum_torg', 'kollektivtrafiknod', 'kopcentrum', 'bibliotek', 'park_utomhus', 'skola', 'fritidsgard', 'foreningslokal', 'idrottshall', 'bostadsomrade', 'digital']));
  });

  it('has many young people on Stortorget on Friday 20–24, set through the app and audited', async () => {
    const friday = await read((tx) =>
      tx
        .select({ hour: placeYouthHour.hour, level: placeYouthHour.level })
        .from(placeYouthHour)
        .innerJoin(place, and(eq(place.tenantId, placeYouthHour.tenantId), eq(place.id, placeYouthHour.placeId)))
        .where(and(eq(placeYouthHour.tenantId, demo.tenantId), eq(place.name, 'Stortorget'), eq(placeYouthHour.weekday, 5)))
        .orderBy(asc(placeYouthHour.hour)),
    );
    expect(friday.filter((slot) => slot.level === 'many').map((slot) => slot.hour)).toEqual([20, 21, 22, 23]);
    const audited = await read((tx) => tx.select({ action: auditEvent.action }).from(auditEvent).where(and(eq(auditEvent.tenantId, demo.tenantId), eq(auditEvent.action, 'place.youth_hours.update'))));
    expect(audited).toHaveLength(20);
  });
});
