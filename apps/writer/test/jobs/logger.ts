import type { JobLogger } from '../../src/jobs/job-context.js';

/** A logger that keeps its lines, for assertions. */
export function recordingLogger(): JobLogger & {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[];
} {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
