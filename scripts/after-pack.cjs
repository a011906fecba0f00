// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed, so the shipped app cannot be run as plain Node, inspected, or fed code from outside its
// asar. test/main/desktop-shell.test.ts runs it on stand-in binaries (no Electron needed).
const { join } = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');
const { Arch } = require('electron-builder');

// The eight fuses @electron/fuses 1.8.0 knows. Not `strictlyRequireAllFuses`: a newer Electron's
// wire is longer, and its extra fuses keep Electron's defaults rather than failing the build.
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  // Cookies at rest encrypted with an OS-keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let whoever sets the environment run code in main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar checked against the hash electron-builder embeds (macOS, Windows), and only the asar
  // loaded: a loose app/ folder next to it is ignored.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// pages get no more than in a browser; the renderer is served at app://hubdesk/.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** The file holding the fuse wire, where electron-builder put the renamed Electron binary. */
function electronExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: no Electron executable known for platform "${electronPlatformName}"`);
  }
}

async function afterPack(context) {
  const executable = electronExecutable(context);
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // A flipped fuse voids the ad-hoc signature an arm64 macOS binary needs to start.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...FUSES,
  });
  const states = Object.entries(FUSES).map(([fuse, on]) => `${FuseV1Options[fuse]}=${on ? 'on' : 'off'}`);
  console.log(`after-pack: fuses of ${executable}: ${states.join(' ')}`);
}

module.exports = { FUSES, afterPack };
