import { expect } from 'vitest';

// Vitest types its asymmetric matchers `any`, so that they fit any expected value; an object
// literal holding one then holds an `any`. Typed `unknown`, they match the same and stay typed.

/** `expect.any(Number)`. */
export const anyNumber: unknown = expect.any(Number);

/** `expect.stringContaining(text)`. */
export const stringContaining = (text: string): unknown => expect.stringContaining(text);

/** `expect.stringMatching(pattern)`. */
export const stringMatching = (pattern: string | RegExp): unknown => expect.stringMatching(pattern);
