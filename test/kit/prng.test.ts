import { buildDemoPlan } from '../../subgraphs/kit/seed/demo-plan';
import { prng, seedOf, uuidFrom } from '../../subgraphs/kit/seed/prng';

/** The demo names the same rows on every machine: these values pin the generator (a change here changes the demo). */
describe('kit › seed › prng', () => {
  it('draws the same sequence for the same seed, another for another seed', () => {
    const a = prng(45);
    expect([a(), a(), a()]).toEqual([0.03719550580717623, 0.913797999965027, 0.7866767104715109]);
    const b = prng(46);
    expect(b()).not.toBe(0.03719550580717623);
  });

  it('makes uuids v4 and seeds from text, deterministically', () => {
    expect(uuidFrom(prng(271))).toBe('5f862838-939c-40ee-bcde-d3035b0043be');
    expect(uuidFrom(prng(271))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seedOf('a0000000-0000-4000-8000-00000000000a')).toBe(2532722111);
  });

  it('builds the same demo plan twice for the same day', () => {
    const today = new Date('2025-03-15T10:00:00Z');
    expect(buildDemoPlan({ today })).toEqual(buildDemoPlan({ today }));
    expect(buildDemoPlan({ today }).persons[0].id).toBe(
      buildDemoPlan({ today: new Date('2030-01-01T00:00:00Z') }).persons[0].id,
    );
  });
});
