import { serialization } from '@tensorflow/tfjs-core';
import { FactorizedEmbedding } from './layers/factorized-embedding';
import { FullEmbedding } from './layers/full-embedding';
import { KSubEmbedding } from './layers/ksub-embedding';

// Side effect: the layers become loadable by className from saved TF.js models.
serialization.registerClass(FullEmbedding);
serialization.registerClass(KSubEmbedding);
serialization.registerClass(FactorizedEmbedding);
