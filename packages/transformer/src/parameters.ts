import * as tf from '@tensorflow/tfjs-core';
import { fillNormal } from '@ksub/core';

/** One trainable tensor of a model, under its Hugging Face-style name. */
export interface Parameter {
  /** e.g. `roberta.encoder.layer.0.attention.self.query.weight`. */
  readonly name: string;
  readonly variable: tf.Variable;
  /** Whether AdamW's weight decay applies (not to biases and LayerNorm, as in RoBERTa). */
  readonly decay: boolean;
  /** Whether the set created the variable (and disposes it); false for a layer's own weights. */
  readonly owned: boolean;
}

/**
 * The named parameters of a model, in creation order (the order of saved weights and optimizer
 * state). Weights are created normal(0, stddev) with a seed derived from the set's seed and the
 * parameter's index, so a model is reproducible from its seed. (TF.js variable names stay automatic,
 * so two models can coexist; the names here are the set's own.)
 */
export class ParameterSet {
  private readonly list: Parameter[] = [];
  private readonly byName = new Map<string, Parameter>();

  constructor(private readonly seed: number) {}

  /** Every parameter, in creation order. */
  all(): readonly Parameter[] {
    return this.list;
  }

  /** The parameter called `name`. @throws RangeError naming it when absent. */
  get(name: string): Parameter {
    const p = this.byName.get(name);
    if (p === undefined) throw new RangeError(`ParameterSet: no parameter named ${JSON.stringify(name)}`);
    return p;
  }

  /** Adds an existing variable (e.g. an embedding layer's weight; its owner disposes it). */
  add(name: string, variable: tf.Variable, decay: boolean, owned = false): tf.Variable {
    if (this.byName.has(name))
      throw new RangeError(`ParameterSet: parameter ${JSON.stringify(name)} exists already`);
    const p = { name, variable, decay, owned };
    this.list.push(p);
    this.byName.set(name, p);
    return variable;
  }

  /** A weight matrix/table: normal(0, stddev), decayed. */
  normal(name: string, shape: number[], stddev: number): tf.Variable {
    const seed = (this.seed + 7919 * (this.list.length + 1)) >>> 0;
    const size = shape.reduce((a, b) => a * b, 1);
    const init = tf.tensor(fillNormal(new Float32Array(size), 0, stddev, seed), shape, 'float32');
    return this.add(name, tf.variable(init, true), true, true);
  }

  /** A bias or LayerNorm beta: zeros, not decayed. */
  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.variable(tf.zeros(shape), true), false, true);
  }

  /** A LayerNorm gamma: ones, not decayed. */
  ones(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.variable(tf.ones(shape), true), false, true);
  }

  /** Total number of scalars. */
  size(): number {
    return this.list.reduce((s, p) => s + p.variable.size, 0);
  }

  /** Disposes the variables this set created (not those it was given). */
  dispose(): void {
    for (const p of this.list) if (p.owned) p.variable.dispose();
    this.list.length = 0;
    this.byName.clear();
  }
}
