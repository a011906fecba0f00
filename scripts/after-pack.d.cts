import type { FuseV1Options } from '@electron/fuses';

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export const FUSES: Readonly<Record<FuseV1Options, boolean>>;
export function afterPack(context: PackedApp): Promise<void>;
