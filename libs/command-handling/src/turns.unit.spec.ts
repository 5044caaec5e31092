import { Turns } from './turns';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Turns', () => {
  it('runs referrals of one person one after another, in the order they came', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const referral = (name: string) =>
      turns.take('victim', async () => {
        order.push(`${name} starts`);
        await tick();
        order.push(`${name} ends`);
      });
    await Promise.all([referral('first'), referral('second')]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('never holds a referral up behind another person’s', async () => {
    const turns = new Turns();
    let release: () => void = () => undefined;
    const held = turns.take('victim-a', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(turns.take('victim-b', () => Promise.resolve('made'))).resolves.toBe('made');
    release();
    await held;
  });

  it('gives the next referral its turn after one that failed, and passes the failure on', async () => {
    const turns = new Turns();
    const refused = turns.take('victim', () => Promise.reject(new Error('refused')));
    const next = turns.take('victim', () => Promise.resolve('made'));
    await expect(refused).rejects.toThrow('refused');
    await expect(next).resolves.toBe('made');
  });
});
