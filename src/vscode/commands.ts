/** Every command the extension registers, listed once; a unit test holds package.json to this list. */
export const COMMANDS = {
  scanWorkspace: 'djangoSecrets.scanWorkspace',
  generateKey: 'djangoSecrets.generateKey',
  moveToEnv: 'djangoSecrets.moveToEnv',
  rotateKey: 'djangoSecrets.rotateKey',
  retireFallbacks: 'djangoSecrets.retireFallbacks',
} as const;
