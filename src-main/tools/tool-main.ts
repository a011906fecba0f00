// The shell every command-line tool shares: runs its main, sets the exit code, and makes sure the
// process ends even if a handle lingers (saying so); an unexpected error prints and exits 1.

const EXIT_GRACE_MS = 3000;

export function runToolMain(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
      setTimeout(() => {
        process.stderr.write(`${name}: a handle kept the process alive after the run; exiting anyway\n`);
        process.exit(code);
      }, EXIT_GRACE_MS).unref();
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
