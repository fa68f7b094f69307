import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestBody, Response } from '../worker/protocol';
import type { LabConnection } from './labBridge';
import { connectLabLazily } from './lazyLab';
import { useApp } from './store';

/** A stand-in for labBridge.ts: records the connection it makes and every call on it. */
function fakeModule() {
  const calls: string[] = [];
  let made = 0;
  const module = {
    connectLab: (send: (b: RequestBody) => number): LabConnection => {
      made++;
      return {
        jobs: new Proxy({} as LabConnection['jobs'], {
          get: (_, name) => (arg?: unknown) => {
            calls.push(`${String(name)}(${JSON.stringify(arg) ?? ''})`);
            send({ type: 'lesionSweep', slot: 'residual', batches: 1, resume: false });
          },
        }),
        receive: () => {
          calls.push('receive');
          return true;
        },
        engineRestarted: () => calls.push('engineRestarted'),
        switchesToLab: () => true,
        dispose: () => calls.push('dispose'),
      };
    },
  } as unknown as typeof import('./labBridge');
  return { module, calls, made: () => made };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const swept = { type: 'lesionSwept', id: 1 } as Response;

beforeEach(() => useApp.setState({ notices: [] }));

describe('the lab connection, loaded on first use', () => {
  it('loads nothing until a job is asked for, and answers for the lab meanwhile', () => {
    const fake = fakeModule();
    let loads = 0;
    const lab = connectLabLazily(
      () => 1,
      () => (loads++, Promise.resolve(fake.module)),
    );
    expect(lab.receive(swept)).toBe(false);
    lab.engineRestarted();
    expect(
      lab.switchesToLab({ type: 'loaded', id: 1 } as Extract<Response, { type: 'loaded' }>),
    ).toBe(false);
    expect(loads).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('runs the job once loaded, with its arguments, and passes everything on after', async () => {
    const fake = fakeModule();
    const sent: RequestBody[] = [];
    let loads = 0;
    const lab = connectLabLazily(
      (b) => sent.push(b),
      () => (loads++, Promise.resolve(fake.module)),
    );
    lab.jobs.startDepthSweep({ layers: [2], norm: 'pre', trainSteps: 0, seed: 1 });
    lab.jobs.runProbes();
    await flush();
    expect(loads).toBe(1);
    expect(fake.made()).toBe(1);
    expect(fake.calls).toEqual([
      'startDepthSweep({"layers":[2],"norm":"pre","trainSteps":0,"seed":1})',
      'runProbes()',
    ]);
    expect(sent).toHaveLength(2);
    expect(lab.receive(swept)).toBe(true);
    lab.engineRestarted();
    lab.dispose();
    expect(fake.calls.slice(2)).toEqual(['receive', 'engineRestarted', 'dispose']);
  });

  it('a lab disposed while loading is stopped when it arrives, and runs nothing', async () => {
    const fake = fakeModule();
    const lab = connectLabLazily(
      () => 1,
      () => Promise.resolve(fake.module),
    );
    lab.jobs.startTraining();
    lab.dispose();
    await flush();
    expect(fake.calls).toEqual(['dispose']);
  });

  it('a chunk that does not download is said, and the next job tries again', async () => {
    const fake = fakeModule();
    let attempt = 0;
    const lab = connectLabLazily(
      () => 1,
      () =>
        ++attempt === 1 ? Promise.reject(new Error('network down')) : Promise.resolve(fake.module),
    );
    lab.jobs.runLesionSweep();
    await flush();
    expect(useApp.getState().notices.map((n) => n.text)).toEqual([
      'The lab could not be loaded (network down); try again.',
    ]);
    lab.jobs.runLesionSweep();
    await flush();
    expect(fake.calls).toEqual(['runLesionSweep()']);
  });
});
