import { errorText, type RequestBody } from '../worker/protocol';
import type { LabConnection } from './labBridge';
import type { LabJobs } from './labSlice';
import { useApp } from './store';

/** Every lab job by name, so the stand-ins below cover each one (the type checks the list). */
const JOB_NAMES = {
  runLesionSweep: true,
  cancelLesionSweep: true,
  runProbes: true,
  cancelProbes: true,
  startDepthSweep: true,
  cancelDepthSweep: true,
  startTraining: true,
  pauseTraining: true,
  resumeTraining: true,
  resetTraining: true,
  downloadLabModels: true,
  exploreLabModels: true,
} satisfies Record<keyof LabJobs, true>;

/**
 * The lab's connection (labBridge.ts), loaded when a lab job is first asked for: a reader who
 * never opens the lab or the tour's experiments does not download it (docs/PERFORMANCE.md, the
 * page's code budget). Until then nothing of the lab is in flight, so there is nothing for it to
 * receive, re-send after a crash or stop. A chunk that fails to download is said, and the next
 * job tries again.
 */
export function connectLabLazily(
  sendMain: (body: RequestBody) => number,
  load: () => Promise<typeof import('./labBridge')> = () => import('./labBridge'),
): LabConnection {
  let lab: LabConnection | null = null;
  let loading: Promise<LabConnection> | null = null;
  let disposed = false;

  const connected = (): Promise<LabConnection> =>
    (loading ??= load().then(
      (m) => {
        lab = m.connectLab(sendMain);
        if (disposed) lab.dispose();
        return lab;
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));

  const jobs = Object.fromEntries(
    Object.keys(JOB_NAMES).map((name) => [
      name,
      (...args: unknown[]) =>
        void connected().then(
          (l) => {
            if (!disposed) (l.jobs[name as keyof LabJobs] as (...a: unknown[]) => void)(...args);
          },
          (e: unknown) =>
            useApp
              .getState()
              .notify('error', `The lab could not be loaded (${errorText(e)}); try again.`),
        ),
    ]),
  ) as unknown as LabJobs;

  return {
    jobs,
    receive: (r) => lab?.receive(r) ?? false,
    engineRestarted: () => lab?.engineRestarted(),
    switchesToLab: (r) => lab?.switchesToLab(r) ?? false,
    dispose: () => {
      disposed = true;
      lab?.dispose();
    },
  };
}
