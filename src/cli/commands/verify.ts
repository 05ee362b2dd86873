import { Command } from 'commander';
import { verifyResultFile } from '../../bench/verify.js';
import { terminalSafe } from '../terminal-text.js';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('check a result file: JSON Schema, and the Ed25519 signature over its content')
    .argument('<file>', 'result file written by hdsbench run')
    .option('--key-fingerprint <sha256>', 'also require this signing key (the fingerprint the bidder registered)')
    .action(async (file: string, o: { keyFingerprint?: string }) => {
      const v = await verifyResultFile(file, o.keyFingerprint);
      if (!v.ok) {
        console.error(terminalSafe(`${file}: NOT VERIFIED`));
        for (const p of v.problems) console.error(terminalSafe(`  - ${p}`));
        process.exitCode = v.readable ? 1 : 2;
        return;
      }
      console.log(terminalSafe(`${file}: verified (signed by key ${v.fingerprint}); the run it records is ${v.valid ? 'valid' : 'INVALID'}`));
    });
}
