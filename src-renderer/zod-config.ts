// Runs before any schema is built: zod's JIT compiles parsers with `new Function`, which the
// renderer's CSP forbids (and reports as a violation even when zod catches the failure).
// main.tsx imports this first, because zod reads the setting when each schema is constructed.
import { z } from 'zod';

z.config({ jitless: true });
