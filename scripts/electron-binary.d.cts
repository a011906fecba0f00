export function electronBinary(): string | undefined;
export const ELECTRON_MISSING: string;
