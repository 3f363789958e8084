// A pretraining run in its own process, for the kill-and-resume test:
// node --conditions=@ksub/source -r @swc-node/register pretrain-child.ts CONFIG.json [resume]
import { readFileSync } from 'node:fs';
import { initBackend } from '@ksub/tensor';
import { pretrain } from '../pretrain/pretrain';

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8'));
  await initBackend({ log: null });
  await pretrain(config, { resume: process.argv[3] === 'resume', progress: false, log: () => undefined });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
