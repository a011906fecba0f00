// Starts a tools CLI (`tsx src-main/tools/…`) as a child that a test can SIGKILL mid-run: a
// startTsx child (own process group, bounded waits, killed if the test runner exits first).
import { startTsx, type TsxProcess } from '../../support/tsx-process';

export type ToolProcess = TsxProcess;

export function startTool(script: string, args: readonly string[]): ToolProcess {
  return startTsx(script, args);
}
