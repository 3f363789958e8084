// The page's script: the scenario in the browser, saving to and loading from IndexedDB.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { runScenario, type ScenarioResult } from './scenario';

declare global {
  interface Window {
    ksubResult?: ScenarioResult | { error: string };
  }
}

const KEY = 'indexeddb://ksub-browser-check';

runScenario({
  tf,
  tfl,
  roundTrip: async (model) => {
    await model.save(KEY);
    const stored = await tf.io.listModels();
    if (!(KEY in stored))
      throw new Error(`${KEY} is not in IndexedDB after save: ${Object.keys(stored).join(', ')}`);
    return tfl.loadLayersModel(KEY);
  },
}).then(
  (result) => {
    window.ksubResult = result;
    document.body.textContent = JSON.stringify(result, null, 1);
  },
  (error: unknown) => {
    window.ksubResult = {
      error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error),
    };
    document.body.textContent = window.ksubResult.error;
  },
);
