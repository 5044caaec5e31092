import { runImportBenchmark } from './import-benchmark';

describe('bench:import at smoke size', () => {
  it('imports two synthetic months end to end and a re-upload writes nothing', async () => {
    const result = await runImportBenchmark({ rows: 300, synchronous: 'OFF' });
    expect(result.measures.map((m) => m.name)).toEqual([
      'read + check only (baseline)',
      'one raw append per row (baseline)',
      'import month 1 (empty store)',
      'import month 2 (churn, compared)',
      'month 2 uploaded again (no-op)',
    ]);
    expect(result.month1.rows).toBe(300);
    expect(result.month1.bad).toBeGreaterThan(0);
    expect(result.month1.imported + result.month1.bad).toBe(300);
    expect(result.month1.new).toBeGreaterThan(0);
    expect(result.month2.comparedWith).toBe('2024-03');
    expect(result.month2.new).toBeGreaterThan(0);
    expect(result.month2.expired).toBeGreaterThan(0);
    expect(result.measures[4]?.events).toBe(0);
  });
});
