import { config } from 'zod';

/**
 * zod compiles a fast parser for each object schema (`new Function`) the first time it parses
 * with it. A CLI process parses most schemas once, so that compile costs more than it saves, and
 * generated code is not in the bundle's V8 code cache (docs/performance.md). Imported first by
 * run-program.ts, before any module builds a schema: zod reads the setting when a schema is made.
 * Results and messages are the same either way; only how zod runs the check differs.
 */
config({ jitless: true });
