// Optional CPU profile of the page during the load, over CDP: saved to a .cpuprofile file and summed
// up as self time per function. Starts and stops the profiler only; touches nothing else of the page.
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { round1 } from './numbers';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileFigures {
  file: string;
  totalMs: number;
  top: { fn: string; selfMs: number; percent: number }[];
}

/** Starts sampling the page (1 ms interval); `stop` writes the profile to `file` and sums it up. */
export async function startPageProfile(page: Page): Promise<{ stop: (file: string) => Promise<ProfileFigures> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return {
    stop: async (file) => {
      const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      writeFileSync(file, JSON.stringify(cpu));
      return summarizeProfile(cpu, file);
    },
  };
}

function summarizeProfile(profile: CpuProfile, file: string): ProfileFigures {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url ? ` ${frame.url.replace(/^.*\//, '').replace(/\?.*$/, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totalMicros = profile.endTime - profile.startTime;
  const top = [...selfMicros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, micros]) => ({ fn, selfMs: Math.round(micros / 1000), percent: round1((micros * 100) / totalMicros) }));
  return { file, totalMs: Math.round(totalMicros / 1000), top };
}
