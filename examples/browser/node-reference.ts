// The same scenario in Node (cpu backend, memory instead of IndexedDB): the reference the browser's
// numbers are compared with.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { runScenario, type ScenarioResult } from './scenario';

export function runInNode(): Promise<ScenarioResult> {
  return runScenario({
    tf,
    tfl,
    roundTrip: async (model) => {
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          saved = artifacts;
          return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
        }),
      );
      if (saved === undefined) throw new Error('nothing was saved');
      return tfl.loadLayersModel(tf.io.fromMemory(saved));
    },
  });
}
